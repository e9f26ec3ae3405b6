namespace PortalGrains.Abstractions.Teams;

/// <summary>A member's role in a team: OWNERs manage the team and its applications, MEMBERs use them.</summary>
public enum TeamRole
{
    Member,
    Owner,
}
