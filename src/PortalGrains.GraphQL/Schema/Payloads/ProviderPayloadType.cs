using GraphQL.Types;
using PortalGrains.Abstractions.Providers;
using PortalGrains.GraphQL.Schema.Models;
using PortalGrains.GraphQL.Schema.Types;

namespace PortalGrains.GraphQL.Schema.Payloads;

public sealed class ProviderPayloadType : ObjectGraphType<MutationPayload<ProviderView>>
{
    public ProviderPayloadType()
    {
        Name = "ProviderPayload";
        Field<OAuthProviderType>("provider").Description("the provider as stored; null when errors stopped the mutation").Resolve(c => c.Source.Value);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(c => c.Source.Errors);
    }
}
