namespace PortalGrains.IdentityProviders.Http;

/// <summary>What a failed request to an identity provider may have done there.</summary>
public enum IdentityProviderRequestFailureKind
{
    /// <summary>Nothing reached the IdP (refused, unreachable, circuit open, TLS handshake failed): safe to send again.</summary>
    NotSent,

    /// <summary>
    /// The request may have been acted on: it timed out or the connection broke after it was sent, or the
    /// IdP (or a gateway in front of it) answered 500, 502 or 504. For a registration POST, look for a
    /// client created by it before registering again.
    /// </summary>
    Uncertain,

    /// <summary>The IdP answered with an error status that says it did not act (4xx, 503, 501...).</summary>
    Rejected,
}
