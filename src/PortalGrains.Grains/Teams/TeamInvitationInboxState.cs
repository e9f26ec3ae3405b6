using PortalGrains.Abstractions.Teams;

namespace PortalGrains.Grains.Teams;

[GenerateSerializer]
public sealed class TeamInvitationInboxState
{
    [Id(0)] public List<TeamInvitationView> Invitations { get; set; } = [];
}
