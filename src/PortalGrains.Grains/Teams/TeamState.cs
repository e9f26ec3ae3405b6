using PortalGrains.Abstractions.Teams;

namespace PortalGrains.Grains.Teams;

[GenerateSerializer]
public sealed class TeamState
{
    [Id(0)] public bool Exists { get; set; }
    [Id(1)] public string Name { get; set; } = "";
    [Id(2)] public DateTimeOffset CreatedAt { get; set; }
    [Id(3)] public List<TeamMemberView> Members { get; set; } = [];

    /// <summary>Open invitations; expired ones are dropped with the next change.</summary>
    [Id(4)] public List<TeamInvitationView> Invitations { get; set; } = [];

    [Id(5)] public List<string> ApplicationIds { get; set; } = [];
}
