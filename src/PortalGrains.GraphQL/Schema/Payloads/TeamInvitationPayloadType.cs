using GraphQL.Types;
using PortalGrains.Abstractions.Teams;
using PortalGrains.GraphQL.Schema.Models;
using PortalGrains.GraphQL.Schema.Types;

namespace PortalGrains.GraphQL.Schema.Payloads;

public sealed class TeamInvitationPayloadType : ObjectGraphType<MutationPayload<TeamInvitationView>>
{
    public TeamInvitationPayloadType()
    {
        Name = "TeamInvitationPayload";
        Field<TeamInvitationType>("invitation").Description("the invitation; null when errors stopped the mutation").Resolve(c => c.Source.Value);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(c => c.Source.Errors);
    }
}
