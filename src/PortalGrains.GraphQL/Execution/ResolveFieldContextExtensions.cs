using GraphQL;
using PortalGrains.Abstractions.Catalog;

namespace PortalGrains.GraphQL.Execution;

public static class ResolveFieldContextExtensions
{
    /// <summary>The request's <see cref="PortalUserContext"/> (set by the HTTP endpoint for every request).</summary>
    public static PortalUserContext Portal(this IResolveFieldContext context) =>
        context.UserContext as PortalUserContext ??
        throw new InvalidOperationException($"The GraphQL user context is not a {nameof(PortalUserContext)}: execute requests through the portal's HTTP endpoint.");

    /// <summary>
    /// A field of the catalogue: <paramref name="select"/> runs on the request's catalogue, synchronously (no task) when
    /// this silo's copy is fresh.
    /// </summary>
    public static ValueTask<object?> FromCatalog(this IResolveFieldContext context, Func<CatalogSnapshot, PortalUserContext, object?> select)
    {
        var portal = context.Portal();
        var catalog = portal.GetCatalogAsync();
        return catalog.IsCompletedSuccessfully ? new ValueTask<object?>(select(catalog.Result, portal)) : AwaitedAsync(catalog, portal, select);

        static async ValueTask<object?> AwaitedAsync(ValueTask<CatalogSnapshot> catalog, PortalUserContext portal, Func<CatalogSnapshot, PortalUserContext, object?> select) =>
            select(await catalog, portal);
    }
}
