using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using PortalGrains.IdentityProviders.InitialAccess;
using PortalGrains.IdentityProviders.Registration;

namespace PortalGrains.IdentityProviders.Vendors;

/// <summary>
/// The Curity Identity Server (curity.io/docs/identity-server/profiles/token-profile/clients/dcr/dcr-api). What differs:
/// <list type="bullet">
/// <item>the registration endpoint belongs to a token service profile: the discovered registration_endpoint or the
/// admin's override, never derived;</item>
/// <item>the initial access token is an access token with the <c>dcr</c> scope, obtained with client_credentials,
/// and it can be used only once (curity.io/resources/learn/using-dynamic-client-registration), so it is never
/// cached;</item>
/// <item>software_id selects a client template in templatized DCR: it is sent only when the client type names a
/// template (ClientType.softwareId), never with the portal tag, which stays in the client name;</item>
/// <item>by default every GET or PUT on the client configuration endpoint issues a new registration access token
/// and a new client secret (curity.io/resources/learn/dynamic-client-registration-management): reads are not
/// idempotent, and rotation is a read that returns the new secret.</item>
/// </list>
/// </summary>
public sealed class CurityClientRegistrationDriver(
    InitialAccessTokenProvider tokens, TimeProvider? timeProvider = null, ILogger? logger = null)
    : Rfc7591ClientRegistrationDriver(tokens, timeProvider, logger)
{
    public const string DcrScope = "dcr";

    public override IdentityProviderKind Kind => IdentityProviderKind.Curity;

    private protected override bool InitialAccessTokenIsSingleUse => true;

    private protected override bool KeepsSoftwareId => false;

    private protected override bool ReadRotatesCredentials => true;

    private protected override async ValueTask<AuthenticationHeaderValue?> GetRegistrationAuthorizationAsync(
        IdentityProviderConnection provider, CancellationToken cancellationToken)
    {
        if (provider.Credentials is ClientCredentialsGrant { Scope: null } grant)
        {
            var token = await Tokens.GetClientCredentialsTokenAsync(
                    provider.Http, grant with { Scope = DcrScope }, provider.Endpoints.TokenEndpoint, singleUse: true, cancellationToken)
                .ConfigureAwait(false);
            return new AuthenticationHeaderValue("Bearer", token);
        }

        return await base.GetRegistrationAuthorizationAsync(provider, cancellationToken).ConfigureAwait(false);
    }

    private protected override async Task<RotationResult> RotateSecretCoreAsync(
        IdentityProviderConnection provider,
        RegisteredClient client,
        ClientRegistrationRequest request,
        CancellationToken cancellationToken)
    {
        var read = await ReadAsync(provider, client, cancellationToken).ConfigureAwait(false);
        if (read.ClientSecret is not null && !string.Equals(read.ClientSecret, client.ClientSecret, StringComparison.Ordinal))
        {
            return new RotationResult(read, RotationStrategy.InPlace, read);
        }

        // the profile reuses credentials on reads (registration-token "reuse" setting): fall back to a replacement
        return await base.RotateSecretCoreAsync(provider, read, request, cancellationToken).ConfigureAwait(false);
    }
}
