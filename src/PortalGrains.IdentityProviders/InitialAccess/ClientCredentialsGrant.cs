using System.Text;

namespace PortalGrains.IdentityProviders.InitialAccess;

/// <summary>
/// A client of the portal's own at the identity provider, whose client_credentials access token (RFC 6749 §4.4)
/// authorizes registration calls.
/// </summary>
/// <param name="ClientId">The portal's client id.</param>
/// <param name="ClientSecret">Its secret.</param>
/// <param name="Scope">Scope to request, space-separated (Curity: "dcr").</param>
/// <param name="Audience">An <c>audience</c> parameter, for identity providers that want one (Auth0).</param>
/// <param name="TokenEndpoint">The token endpoint, when not the provider's discovered one.</param>
/// <param name="SendCredentialsInBody">client_secret_post instead of HTTP Basic (RFC 6749 §2.3.1).</param>
public sealed record ClientCredentialsGrant(
    string ClientId,
    string ClientSecret,
    string? Scope = null,
    string? Audience = null,
    Uri? TokenEndpoint = null,
    bool SendCredentialsInBody = false) : ProviderCredentials
{
    protected override bool PrintMembers(StringBuilder builder)
    {
        builder.Append("ClientId = ").Append(ClientId)
            .Append(", ClientSecret = ***, Scope = ").Append(Scope)
            .Append(", Audience = ").Append(Audience)
            .Append(", TokenEndpoint = ").Append(TokenEndpoint)
            .Append(", SendCredentialsInBody = ").Append(SendCredentialsInBody);
        return true;
    }
}
