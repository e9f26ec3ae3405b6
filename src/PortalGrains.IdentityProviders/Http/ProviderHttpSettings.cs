namespace PortalGrains.IdentityProviders.Http;

/// <summary>
/// The transport settings of one identity provider. Two equal settings share one handler chain
/// (connection pool, resilience pipeline, circuit breaker); a change builds a new chain.
/// </summary>
/// <param name="ProviderId">The provider's id, used as the key of its handler chain and in logs and metrics.</param>
public sealed record ProviderHttpSettings(string ProviderId)
{
    /// <summary>Accept any server certificate. For development only: every client created logs a warning.</summary>
    public bool SslInsecureSkipVerify { get; init; }

    /// <summary>
    /// PEM bundle of CA certificates. When set, the server's chain must end at one of these (and only these) roots.
    /// </summary>
    public string? CustomCaBundlePem { get; init; }

    /// <summary>Allow plain http (loopback or development IdPs). Off: only https requests leave the process.</summary>
    public bool AllowHttp { get; init; }
}
