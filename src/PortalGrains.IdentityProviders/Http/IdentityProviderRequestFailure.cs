using System.Net;

namespace PortalGrains.IdentityProviders.Http;

/// <summary>A failed request to an identity provider, classified by <see cref="IdentityProviderRequestFailureClassifier"/>.</summary>
/// <param name="Kind">Whether the IdP may have acted on the request.</param>
/// <param name="StatusCode">The HTTP status, when the IdP (or a gateway) answered.</param>
/// <param name="Reason">A short description, without secrets: status or exception type and message.</param>
public sealed record IdentityProviderRequestFailure(IdentityProviderRequestFailureKind Kind, HttpStatusCode? StatusCode, string Reason)
{
    /// <summary>The server's Retry-After (RFC 9110 §10.2.3), when it sent one.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>True when the IdP may hold the effect of the request (e.g. a client created by a POST).</summary>
    public bool MayHaveBeenActedOn => Kind == IdentityProviderRequestFailureKind.Uncertain;

    /// <summary>
    /// True when sending the request again is both safe and likely to help: nothing was sent, or the IdP
    /// said it is temporarily unable (503) or rate limiting (429).
    /// </summary>
    public bool IsSafeToRetry =>
        Kind == IdentityProviderRequestFailureKind.NotSent
        || StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests;
}
