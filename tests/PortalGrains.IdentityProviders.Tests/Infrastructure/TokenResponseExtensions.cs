using Duende.IdentityModel.Client;

namespace PortalGrains.IdentityProviders.Tests.Infrastructure;

public static class TokenResponseExtensions
{
    /// <summary>
    /// The OAuth error code of a token response (RFC 6749 §5.2). TokenResponse.Error gives the HTTP reason phrase
    /// for non-400 answers, such as the 401 of invalid_client.
    /// </summary>
    public static string? OAuthError(this TokenResponse response) => response.TryGet("error") ?? response.Error;
}
