using GraphQL.Types;
using PortalGrains.Abstractions.Teams;
using PortalGrains.GraphQL.Schema.Models;
using PortalGrains.GraphQL.Schema.Types;

namespace PortalGrains.GraphQL.Schema.Payloads;

public sealed class TeamPayloadType : ObjectGraphType<MutationPayload<TeamView>>
{
    public TeamPayloadType()
    {
        Name = "TeamPayload";
        Field<TeamType>("team").Description("the team after the change; null when errors stopped the mutation").Resolve(c => c.Source.Value);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(c => c.Source.Errors);
    }
}
