using System.Text;

namespace PortalGrains.IdentityProviders.InitialAccess;

/// <summary>
/// The portal's own app registration in a Microsoft Entra ID tenant, with the Microsoft Graph application permissions
/// Application.ReadWrite.OwnedBy, AppRoleAssignment.ReadWrite.All and Application.Read.All. Its token is obtained with client_credentials at
/// the tenant's token endpoint for <see cref="Scope"/> (learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow).
/// </summary>
/// <param name="ClientId">The portal's application (client) id.</param>
/// <param name="ClientSecret">Its client secret.</param>
/// <param name="Scope">The scope of the Graph token.</param>
/// <param name="ApiApplicationId">The application id of the API's app registration, whose app roles are the scopes the portal grants.</param>
public sealed record EntraGraphClient(string ClientId, string ClientSecret, string Scope, string ApiApplicationId) : ProviderCredentials
{
    public const string DefaultScope = "https://graph.microsoft.com/.default";

    /// <summary>The client_credentials grant of the Graph token (the secret in the body, as Microsoft's examples send it).</summary>
    public ClientCredentialsGrant TokenGrant() => new(ClientId, ClientSecret, Scope, SendCredentialsInBody: true);

    protected override bool PrintMembers(StringBuilder builder)
    {
        builder.Append("ClientId = ").Append(ClientId)
            .Append(", ClientSecret = ***, Scope = ").Append(Scope)
            .Append(", ApiApplicationId = ").Append(ApiApplicationId);
        return true;
    }
}
