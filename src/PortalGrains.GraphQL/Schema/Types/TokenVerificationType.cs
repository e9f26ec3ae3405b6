using GraphQL.Types;
using PortalGrains.Abstractions.Catalog;
using PortalGrains.Abstractions.Gateway;
using PortalGrains.GraphQL.Execution;
using PortalGrains.GraphQL.Schema.Scalars;

namespace PortalGrains.GraphQL.Schema.Types;

public sealed class TokenVerificationType : ObjectGraphType<TokenVerificationResult>
{
    public TokenVerificationType()
    {
        Name = "TokenVerification";
        Description = "what a JWT is worth: valid or why not, and what its scopes grant in the catalogue";
        Field<NonNullGraphType<BooleanGraphType>>("valid").Resolve(c => c.Source.Valid);
        Field<StringGraphType>("reason").Description("why the token is not valid (signature, expired, unknown issuer, ...)").Resolve(c => c.Source.Reason);
        Field<StringGraphType>("issuer").Resolve(c => c.Source.Issuer);
        Field<StringGraphType>("clientId").Resolve(c => c.Source.ClientId);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("scopes").Resolve(c => c.Source.Scopes.OrEmpty());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("audience")
            .Description("the token's aud values (one string or an array in the token), empty when it has none; each gateway checks its own")
            .Resolve(c => c.Source.Audience.OrEmpty());
        Field<DateTimeScalarType>("expiresAt").Resolve(c => c.Source.ExpiresAt);
        Field<IdGraphType>("applicationId")
            .Description("the application holding the token's client; only for its owner and admins")
            .ResolveAsync(async c =>
                c.Source.ApplicationId is { } id && await c.Portal().GetVisibleApplicationAsync(id) is not null ? id : null);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ApiProductType>>>>("products")
            .ResolveAsync(async c =>
            {
                var portal = c.Portal();
                var catalog = await portal.GetCatalogAsync();
                return c.Source.ProductIds.OrEmpty()
                    .Select(catalog.FindProduct)
                    .OfType<Product>()
                    .Where(p => p.Published || portal.IsAdmin)
                    .ToList();
            });
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PlanType>>>>("plans")
            .ResolveAsync(async c =>
            {
                var catalog = await c.Portal().GetCatalogAsync();
                return c.Source.PlanIds.OrEmpty().Select(catalog.FindPlan).OfType<Plan>().ToList();
            });
    }
}
