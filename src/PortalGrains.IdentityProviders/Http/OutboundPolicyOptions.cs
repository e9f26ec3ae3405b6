using PortalGrains.Configuration;

namespace PortalGrains.IdentityProviders.Http;

/// <summary>
/// The rules every server-side request of the portal follows (identity provider discovery, JWKS, registration,
/// token endpoints, vendor admin APIs). Bound from <see cref="SectionName"/> over the defaults that depend on the host
/// environment (<see cref="OutboundPolicyEnvironmentDefaults"/>).
/// </summary>
public sealed class OutboundPolicyOptions
{
    public const string SectionName = "Portal:Outbound";

    /// <summary>BlockLoopback and BlockPrivateNetworks were first keys of the identity provider HTTP section.</summary>
    public static readonly FormerConfigurationSection FormerSection =
        new(IdentityProviderHttpOptions.FormerSection.Path, nameof(BlockLoopback), nameof(BlockPrivateNetworks));

    /// <summary>
    /// Refuse connections to loopback addresses (127.0.0.0/8, ::1). On unless set: off in the Development environment.
    /// </summary>
    public bool BlockLoopback { get; set; } = true;

    /// <summary>Refuse connections to private ranges (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7, fec0::/10).</summary>
    public bool BlockPrivateNetworks { get; set; }

    /// <summary>
    /// Let a provider turn TLS certificate validation off (sslInsecureSkipVerify). Off unless set: on in the
    /// Development environment.
    /// </summary>
    public bool AllowInsecureTls { get; set; }
}
