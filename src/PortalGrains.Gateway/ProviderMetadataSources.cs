using PortalGrains.Abstractions.Providers;
using PortalGrains.IdentityProviders.Discovery;
using PortalGrains.IdentityProviders.Http;

namespace PortalGrains.Gateway;

/// <summary>
/// Turns a provider's stored settings into the transport settings and metadata source of the identity provider layer.
/// Shared by token verification here and by the grains that register clients and check connections.
/// </summary>
public static class ProviderMetadataSources
{
    public static ProviderMetadataSource MetadataSource(ProviderView provider) =>
        new(HttpSettings(provider), new Uri(provider.WellKnownUrl), provider.Version)
        {
            IssuerNamesTenantId = provider.Kind == ProviderKind.Entra,
        };

    public static ProviderHttpSettings HttpSettings(ProviderView provider) => new(provider.Id)
    {
        SslInsecureSkipVerify = provider.SslInsecureSkipVerify,
        // The provider grain admits plain http only where its validation allowed it (loopback, or by configuration).
        AllowHttp = IsHttp(provider.WellKnownUrl) || (provider.RegistrationEndpoint is { } registration && IsHttp(registration)),
    };

    private static bool IsHttp(string url) => url.StartsWith("http://", StringComparison.OrdinalIgnoreCase);
}
