namespace PortalGrains.IntegrationTests.Faults;

/// <summary>One request a <see cref="FaultProxy"/> received, and what became of it.</summary>
/// <param name="At">When the proxy decided what to do with it (after the IdP answered, for a forwarded request).</param>
/// <param name="Forwarded">Whether the IdP received it (and so may have acted on it).</param>
/// <param name="Status">The status the caller received; null when the connection was dropped instead.</param>
/// <param name="UpstreamStatus">The IdP's own status, when the request was forwarded.</param>
/// <param name="Started">When its request line arrived.</param>
/// <param name="Ended">
/// When the last byte of the answer was written or the connection was dropped (or broke); null while it is in flight.
/// </param>
/// <param name="ClientId">
/// For a registration-endpoint call: the client it concerns, from the path (RFC 7592 §2) or, for a registration
/// POST, from the IdP's answer (RFC 7591 §3.2.1), even when that answer was then dropped.
/// </param>
/// <param name="ClientName">For a registration POST or PUT: the client_name of the JSON request body.</param>
public sealed record ProxiedExchange(
    DateTimeOffset At, string Method, string Path, FaultKind? Fault, bool Forwarded, int? Status, int? UpstreamStatus,
    DateTimeOffset Started, DateTimeOffset? Ended, string? ClientId, string? ClientName)
{
    /// <summary>Whether it was a call to the registration endpoint or a client configuration endpoint (not discovery, JWKS or token).</summary>
    public bool IsRegistrationCall => DevIdpRegistrationRoutes.IsRegistrationCall(Method, Path);
}
