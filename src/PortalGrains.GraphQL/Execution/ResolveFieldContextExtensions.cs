using GraphQL;

namespace PortalGrains.GraphQL.Execution;

public static class ResolveFieldContextExtensions
{
    /// <summary>The request's <see cref="PortalUserContext"/> (set by the HTTP endpoint for every request).</summary>
    public static PortalUserContext Portal(this IResolveFieldContext context) =>
        context.UserContext as PortalUserContext ??
        throw new InvalidOperationException($"The GraphQL user context is not a {nameof(PortalUserContext)}: execute requests through the portal's HTTP endpoint.");
}
