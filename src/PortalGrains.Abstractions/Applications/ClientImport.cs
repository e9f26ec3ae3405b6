using System.Text;

namespace PortalGrains.Abstractions.Applications;

/// <summary>
/// A client that already exists at a provider's identity provider, for an application to adopt. With a registration
/// access token and client URI it is managed by RFC 7592; at Okta, Auth0 and an HTTP bridge by their APIs.
/// ToString() never prints the secret or the registration access token.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ClientImport(
    [property: Id(0)] string ProviderId,
    [property: Id(1)] string ClientId,
    [property: Id(2)] string? ClientSecret,
    [property: Id(3)] string? RegistrationAccessToken,
    [property: Id(4)] string? RegistrationClientUri)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("ProviderId = ").Append(ProviderId)
            .Append(", ClientId = ").Append(ClientId)
            .Append(", ClientSecret = ").Append(ClientSecret is null ? "(none)" : "(set)")
            .Append(", RegistrationAccessToken = ").Append(RegistrationAccessToken is null ? "(none)" : "(set)")
            .Append(", RegistrationClientUri = ").Append(RegistrationClientUri);
        return true;
    }
}
