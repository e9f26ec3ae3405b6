using System.Collections.Immutable;

namespace PortalGrains.Abstractions.Teams;

/// <summary>A team: its members with their roles, its open invitations and the ids of its applications.</summary>
[GenerateSerializer, Immutable]
public sealed record TeamView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] ImmutableArray<TeamMemberView> Members,
    [property: Id(4)] ImmutableArray<TeamInvitationView> Invitations,
    [property: Id(5)] ImmutableArray<string> ApplicationIds)
{
    public TeamRole? RoleOf(string developerId) =>
        Members.FirstOrDefault(m => string.Equals(m.DeveloperId, developerId, StringComparison.Ordinal))?.Role;
}
