using PortalGrains.IdentityProviders.Http;

namespace PortalGrains.IdentityProviders.Discovery;

/// <summary>
/// Where a provider's metadata comes from. The cache keeps one entry per provider id; an entry made from a
/// different source (another <see cref="SettingsVersion"/>, well-known URL or transport setting) replaces it.
/// </summary>
/// <param name="Http">The provider's transport settings (its id is the cache key).</param>
/// <param name="WellKnownUrl">
/// The discovery document URL (…/.well-known/openid-configuration, or RFC 8414 …/.well-known/oauth-authorization-server/…),
/// or the issuer itself, to which /.well-known/openid-configuration is appended.
/// </param>
/// <param name="SettingsVersion">Version of the provider's settings; a change invalidates the cached entry.</param>
public sealed record ProviderMetadataSource(ProviderHttpSettings Http, Uri WellKnownUrl, long SettingsVersion)
{
    private const string WellKnownSegment = "/.well-known/";
    private const string OpenIdConfigurationPath = "/.well-known/openid-configuration";
    private const string OAuthServerMetadataPath = "/.well-known/oauth-authorization-server";

    public string ProviderId => Http.ProviderId;

    /// <summary>
    /// The issuer the document must state. Default: derived from <see cref="WellKnownUrl"/> as OpenID Connect
    /// Discovery 1.0 §4 (issuer + /.well-known/openid-configuration) and RFC 8414 §3.1 (well-known segment
    /// inserted between host and path) define it.
    /// </summary>
    public string? ExpectedIssuer { get; init; }

    /// <summary>Require every endpoint of the document to lie under the issuer (Duende's endpoint validation).</summary>
    public bool ValidateEndpoints { get; init; } = true;

    /// <summary>
    /// Microsoft Entra ID: the v2.0 document's issuer names the tenant by its id (https://login.microsoftonline.com/{tenant id}/v2.0)
    /// also when the well-known URL names it by a domain, and its endpoints are beside the issuer path, not under it
    /// (…/{tenant id}/oauth2/v2.0/token, …/discovery/v2.0/keys; userinfo on graph.microsoft.com). Such an issuer is
    /// accepted on the well-known URL's origin, and the token endpoint and JWKS URI must be on that origin.
    /// </summary>
    public bool IssuerNamesTenantId { get; init; }

    /// <summary>The issuer the discovery document must state.</summary>
    public string ResolveExpectedIssuer()
    {
        if (!string.IsNullOrWhiteSpace(ExpectedIssuer))
        {
            return ExpectedIssuer.TrimEnd('/');
        }

        var origin = WellKnownUrl.GetLeftPart(UriPartial.Authority);
        var path = WellKnownUrl.AbsolutePath;
        if (path.StartsWith(OAuthServerMetadataPath, StringComparison.Ordinal))
        {
            return (origin + path[OAuthServerMetadataPath.Length..]).TrimEnd('/');
        }

        var wellKnown = path.IndexOf(WellKnownSegment, StringComparison.Ordinal);
        return wellKnown >= 0
            ? (origin + path[..wellKnown]).TrimEnd('/')
            : WellKnownUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
    }

    /// <summary>The URL the discovery document is fetched from.</summary>
    public Uri ResolveDocumentUrl() =>
        WellKnownUrl.AbsolutePath.Contains(WellKnownSegment, StringComparison.Ordinal)
            ? WellKnownUrl
            : new Uri(WellKnownUrl.GetLeftPart(UriPartial.Path).TrimEnd('/') + OpenIdConfigurationPath);
}
