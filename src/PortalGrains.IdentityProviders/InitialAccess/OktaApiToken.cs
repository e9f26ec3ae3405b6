using System.Text;

namespace PortalGrains.IdentityProviders.InitialAccess;

/// <summary>
/// An Okta API token, sent as <c>Authorization: SSWS {token}</c> to the Okta Client Application API
/// (developer.okta.com/docs/reference/api/oauth-clients).
/// </summary>
public sealed record OktaApiToken(string ApiToken) : ProviderCredentials
{
    protected override bool PrintMembers(StringBuilder builder)
    {
        builder.Append("ApiToken = ***");
        return true;
    }
}
