using GraphQL.Resolvers;
using GraphQL.Types;
using PortalGrains.Abstractions.Catalog;
using PortalGrains.Abstractions.Providers;
using PortalGrains.GraphQL.Execution;
using PortalGrains.GraphQL.Schema.Scalars;

namespace PortalGrains.GraphQL.Schema.Types;

public sealed class ApiProductType : ObjectGraphType<Product>
{
    public ApiProductType()
    {
        Name = "ApiProduct";
        Description = "an API product of the catalogue: the scopes granted at its provider and the gateway policy they map to";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<StringGraphType>("description").Resolve(c => c.Source.Description);
        Field<NonNullGraphType<BooleanGraphType>>("published").Resolve(c => c.Source.Published);
        Field<NonNullGraphType<BooleanGraphType>>("dcrEnabled").Resolve(c => c.Source.DcrEnabled);
        Field<OAuthProviderType>("provider")
            .Description("admins only; null for everyone else")
            .ResolveAsync(async c =>
            {
                var portal = c.Portal();
                return portal.IsAdmin && c.Source.ProviderId is { } providerId ? await portal.GetProviderAsync(providerId) : null;
            });
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("scopes").Resolve(c => c.Source.Scopes.OrEmpty());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ClientTypeType>>>>("clientTypes")
            .Description("the client types of the product's provider that developers may choose for this product")
            .Resolve(new FuncFieldResolver<Product, object>(c =>
            {
                if (c.Source.ProviderId is not { } providerId)
                {
                    return new ValueTask<object?>(Array.Empty<ClientTypeSpec>());
                }

                var provider = c.Portal().GetCatalogProviderAsync(providerId);
                return provider.IsCompletedSuccessfully
                    ? new ValueTask<object?>(ClientTypesOf(c.Source, provider.Result))
                    : AwaitedAsync(c.Source, provider);
            }));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("clientTypeIds").Resolve(c => c.Source.ClientTypeIds.OrEmpty());
        Field<StringGraphType>("policyId").Description("the gateway policy that this product's scopes map to").Resolve(c => c.Source.PolicyId);
        Field<NonNullGraphType<DateTimeScalarType>>("updatedAt").Resolve(c => c.Source.UpdatedAt);
    }

    private static IReadOnlyList<ClientTypeSpec> ClientTypesOf(Product product, ProviderView? provider) =>
        provider is null ? [] : product.ClientTypeIds.OrEmpty().Select(provider.FindClientType).OfType<ClientTypeSpec>().ToList();

    private static async ValueTask<object?> AwaitedAsync(Product product, ValueTask<ProviderView?> provider) =>
        ClientTypesOf(product, await provider);
}
