using System.Text;

namespace PortalGrains.IdentityProviders.InitialAccess;

/// <summary>
/// An Auth0 machine-to-machine application authorized for the Management API (scopes create:clients, read:clients,
/// update:clients, delete:clients, create:client_grants, read:client_grants, update:client_grants,
/// delete:client_grants). Its token is obtained with client_credentials for the audience https://{domain}/api/v2/
/// (auth0.com/docs/secure/tokens/access-tokens/management-api-access-tokens).
/// </summary>
/// <param name="ClientId">The M2M application's client id.</param>
/// <param name="ClientSecret">Its secret.</param>
/// <param name="ApiAudience">The identifier of the Auth0 API whose scopes the portal grants to its clients.</param>
/// <param name="Domain">The tenant's canonical domain (e.g. tenant.eu.auth0.com, or an origin such as https://tenant.eu.auth0.com); the issuer's origin when null.
/// The Management API is not served on custom domains.</param>
public sealed record Auth0ManagementClient(string ClientId, string ClientSecret, string ApiAudience, string? Domain = null)
    : ProviderCredentials
{
    protected override bool PrintMembers(StringBuilder builder)
    {
        builder.Append("ClientId = ").Append(ClientId)
            .Append(", ClientSecret = ***, ApiAudience = ").Append(ApiAudience)
            .Append(", Domain = ").Append(Domain);
        return true;
    }
}
