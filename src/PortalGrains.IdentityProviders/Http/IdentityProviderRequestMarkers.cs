namespace PortalGrains.IdentityProviders.Http;

/// <summary>Per-request markers that the resilience pipeline of <see cref="IIdentityProviderHttpClientFactory"/> reads.</summary>
public static class IdentityProviderRequestMarkers
{
    /// <summary>
    /// Marks a request whose repetition is not safe once it was sent, whatever its method: an RFC 7592 PUT at an IdP
    /// that rotates the registration access token on every update (a resent PUT carries the token the first one
    /// retired). Such a request, like a POST, is retried only where the IdP cannot have acted on it, and one attempt
    /// may use the whole call's time: cutting it short cannot lead to a retry, only to an unknown outcome.
    /// </summary>
    public static readonly HttpRequestOptionsKey<bool> NotIdempotent = new("PortalGrains.IdentityProviders.NotIdempotent");

    /// <summary>Whether a request may be sent again after it was sent: an idempotent method (RFC 9110 §9.2.2) not marked <see cref="NotIdempotent"/>.</summary>
    public static bool IsIdempotent(HttpRequestMessage? request) =>
        request is not null
        && (request.Method == HttpMethod.Get || request.Method == HttpMethod.Head || request.Method == HttpMethod.Options
            || request.Method == HttpMethod.Put || request.Method == HttpMethod.Delete || request.Method == HttpMethod.Trace)
        && !(request.Options.TryGetValue(NotIdempotent, out var notIdempotent) && notIdempotent);
}
