namespace PortalGrains.IdentityProviders.Errors;

/// <summary>What a caller should do after a failed call to an identity provider.</summary>
public enum IdentityProviderErrorKind
{
    /// <summary>The identity provider cannot have acted on the request (not sent, 429, 503): retry later.</summary>
    Transient,

    /// <summary>The identity provider refused the request; the same request fails again until something changes.</summary>
    Permanent,

    /// <summary>
    /// The request may have been acted on (sent, but the answer was lost or was a 5xx to a non-idempotent call):
    /// re-read what the identity provider holds before deciding, and flag the client for recovery.
    /// </summary>
    Uncertain,

    /// <summary>The identity provider, or this version of it, does not offer the operation.</summary>
    Unsupported,
}
