namespace PortalGrains.IdentityProviders.Registration;

public enum ClientDeletionOutcome
{
    /// <summary>The identity provider deleted the client now.</summary>
    Deleted,

    /// <summary>The client was already gone (a repeated delete, or deleted by someone else).</summary>
    AlreadyGone,
}
