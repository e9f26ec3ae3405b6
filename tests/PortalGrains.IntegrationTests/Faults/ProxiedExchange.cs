namespace PortalGrains.IntegrationTests.Faults;

/// <summary>One request a <see cref="FaultProxy"/> received, and what became of it.</summary>
/// <param name="Forwarded">Whether the IdP received it (and so may have acted on it).</param>
/// <param name="Status">The status the caller received; null when the connection was dropped instead.</param>
/// <param name="UpstreamStatus">The IdP's own status, when the request was forwarded.</param>
public sealed record ProxiedExchange(
    DateTimeOffset At, string Method, string Path, FaultKind? Fault, bool Forwarded, int? Status, int? UpstreamStatus);
