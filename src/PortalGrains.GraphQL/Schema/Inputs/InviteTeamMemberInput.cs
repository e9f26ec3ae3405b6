using PortalGrains.Abstractions.Teams;

namespace PortalGrains.GraphQL.Schema.Inputs;

public sealed class InviteTeamMemberInput
{
    public string TeamId { get; set; } = string.Empty;
    public string? DeveloperId { get; set; }
    public string? Email { get; set; }
    public TeamRole Role { get; set; } = TeamRole.Member;
}
