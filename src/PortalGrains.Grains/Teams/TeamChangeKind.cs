namespace PortalGrains.Grains.Teams;

public enum TeamChangeKind
{
    Created,
    Invited,
    InvitationRevoked,
    Joined,
    MemberRemoved,
    ApplicationAdded,
}
