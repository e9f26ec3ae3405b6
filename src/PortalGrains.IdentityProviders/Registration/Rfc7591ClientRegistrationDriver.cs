using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Duende.IdentityModel.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PortalGrains.IdentityProviders.Errors;
using PortalGrains.IdentityProviders.Http;
using PortalGrains.IdentityProviders.InitialAccess;

namespace PortalGrains.IdentityProviders.Registration;

/// <summary>
/// The default driver (kind OTHER): RFC 7591 registration with an optional Bearer initial access token, RFC 7592
/// management with the registration access token, and secret rotation by registering a replacement client.
/// Vendor drivers derive from it and override only what their identity provider does differently.
/// </summary>
public class Rfc7591ClientRegistrationDriver : IClientRegistrationDriver
{
    public Rfc7591ClientRegistrationDriver(
        InitialAccessTokenProvider tokens, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        Tokens = tokens;
        TimeProvider = timeProvider ?? TimeProvider.System;
        Logger = logger ?? NullLogger.Instance;
    }

    public virtual IdentityProviderKind Kind => IdentityProviderKind.Other;

    private protected InitialAccessTokenProvider Tokens { get; }

    private protected TimeProvider TimeProvider { get; }

    private protected ILogger Logger { get; }

    private protected RegistrationCalls Calls => field ??= new RegistrationCalls(Kind, Logger, TimeProvider);

    /// <summary>The identity provider accepts an initial access token only once (never reuse a cached one).</summary>
    private protected virtual bool InitialAccessTokenIsSingleUse => false;

    /// <summary>
    /// The identity provider keeps software_id without giving it another meaning, so a client type without a
    /// software_id of its own gets the portal tag there too (the client name always carries it).
    /// </summary>
    private protected virtual bool KeepsSoftwareId => true;

    /// <summary>
    /// An update may issue a new registration access token (RFC 7592 §2.2 allows it on every update; Keycloak and
    /// oidc-provider do it), so a PUT whose answer is lost may have locked the portal out: Uncertain, not Transient.
    /// </summary>
    private protected virtual bool UpdateRotatesCredentials => true;

    /// <summary>A read issues new credentials (Curity), so a read whose answer is lost is Uncertain too.</summary>
    private protected virtual bool ReadRotatesCredentials => false;

    /// <summary>
    /// Management calls go to the registration_client_uri the identity provider returned, carrying the registration
    /// access token (RFC 7592); false where the driver builds the client's URI itself.
    /// </summary>
    private protected virtual bool ManagesThroughRegistrationClientUri => true;

    public async Task<RegisteredClient> RegisterAsync(
        IdentityProviderConnection provider, ClientRegistrationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(request);
        var endpoint = ResolveRegistrationEndpoint(provider.Endpoints);
        var authorization = await GetRegistrationAuthorizationAsync(provider, cancellationToken).ConfigureAwait(false);
        var scrubber = Scrubber(provider, authorization);
        var body = BuildRegistrationDocument(request);

        var response = await Calls.SendAsync(
            provider.Http, HttpMethod.Post, endpoint, authorization, body, IdentityProviderOperation.Register,
            mayHaveActed: true, scrubber, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            if (response.Status == 401)
            {
                ForgetCachedToken(provider);
            }

            throw Fail(response, IdentityProviderOperation.Register, mayHaveActed: true, scrubber);
        }

        var client = ReadClient(response, previous: null, IdentityProviderOperation.Register, mayHaveActed: true, scrubber);
        if (ManagesThroughRegistrationClientUri
            && client.RegistrationClientUri is { } clientUri
            && !ClientConfigurationEndpoints.SameOrigin(clientUri, endpoint))
        {
            RegistrationLog.ForeignRegistrationClientUri(Logger, Kind, client.ClientId, clientUri.Authority, endpoint.Authority);
            throw ClientConfigurationEndpoints.ForeignAfterRegistration(client, clientUri, endpoint);
        }

        RegistrationLog.ClientRegistered(Logger, Kind, client.ClientId, request.PortalApplicationId);
        return client;
    }

    public async Task<RegisteredClient> ReadAsync(
        IdentityProviderConnection provider, RegisteredClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(client);
        var (response, scrubber) = await SendToClientAsync(
            provider, client, HttpMethod.Get, body: null, IdentityProviderOperation.Read, ReadRotatesCredentials, cancellationToken)
            .ConfigureAwait(false);
        return ClientFromAnswer(response, client, IdentityProviderOperation.Read, ReadRotatesCredentials, scrubber);
    }

    public async Task<RegisteredClient> UpdateAsync(
        IdentityProviderConnection provider,
        RegisteredClient client,
        ClientRegistrationRequest request,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);
        var (response, scrubber) = await SendToClientAsync(
            provider, client, HttpMethod.Put, BuildUpdateDocument(client, request), IdentityProviderOperation.Update,
            UpdateRotatesCredentials, cancellationToken).ConfigureAwait(false);
        var updated = ClientFromAnswer(response, client, IdentityProviderOperation.Update, UpdateRotatesCredentials, scrubber);
        RegistrationLog.ClientUpdated(Logger, Kind, updated.ClientId);
        return updated;
    }

    public async Task<ClientDeletionOutcome> DeleteAsync(
        IdentityProviderConnection provider, RegisteredClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(client);
        // DELETE is idempotent: a lost answer is retried, and the retry finds the client gone
        var (response, scrubber) = await SendToClientAsync(
            provider, client, HttpMethod.Delete, body: null, IdentityProviderOperation.Delete, mayHaveActed: false, cancellationToken)
            .ConfigureAwait(false);
        var outcome = response.IsSuccess
            ? ClientDeletionOutcome.Deleted
            : await InterpretFailedDeleteAsync(provider, client, response, scrubber, cancellationToken).ConfigureAwait(false)
              ?? throw Fail(response, IdentityProviderOperation.Delete, mayHaveActed: false, scrubber);
        RegistrationLog.ClientDeleted(Logger, Kind, client.ClientId, outcome);
        return outcome;
    }

    public async Task<RotationResult> RotateSecretAsync(
        IdentityProviderConnection provider,
        RegisteredClient client,
        ClientRegistrationRequest request,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);
        var result = await RotateSecretCoreAsync(provider, client, request, cancellationToken).ConfigureAwait(false);
        RegistrationLog.SecretRotated(Logger, Kind, client.ClientId, result.Strategy, result.Client.ClientId);
        return result;
    }

    /// <summary>The registration endpoint: the discovered one (or the admin's override).</summary>
    private protected virtual Uri ResolveRegistrationEndpoint(RegistrationEndpoints endpoints) =>
        endpoints.RegistrationEndpoint
        ?? throw new IdentityProviderException(
            IdentityProviderErrorKind.Unsupported,
            IdentityProviderOperation.Register,
            IdentityProviderMessages.Unsupported,
            $"The identity provider {endpoints.Issuer} publishes no registration_endpoint and none is configured.");

    /// <summary>Authorization of the registration call: a Bearer initial access token (RFC 7591 §3), when configured.</summary>
    private protected virtual async ValueTask<AuthenticationHeaderValue?> GetRegistrationAuthorizationAsync(
        IdentityProviderConnection provider, CancellationToken cancellationToken)
    {
        var token = await Tokens.GetBearerTokenAsync(
                provider.Http,
                provider.Credentials,
                provider.Endpoints.TokenEndpoint,
                InitialAccessTokenIsSingleUse,
                cancellationToken)
            .ConfigureAwait(false);
        return token is null ? null : new AuthenticationHeaderValue("Bearer", token);
    }

    /// <summary>
    /// The client configuration endpoint (RFC 7592 §2): the registration_client_uri the identity provider returned, on the
    /// registration endpoint's scheme, host and port.
    /// </summary>
    private protected virtual Uri ResolveClientUri(
        IdentityProviderConnection provider, RegisteredClient client, IdentityProviderOperation operation)
    {
        var clientUri = client.RegistrationClientUri
            ?? throw new IdentityProviderException(
                IdentityProviderErrorKind.Unsupported,
                operation,
                IdentityProviderMessages.Unsupported,
                $"Client {client.ClientId} has no registration_client_uri: the identity provider does not offer RFC 7592 management.");
        var registrationEndpoint = provider.Endpoints.RegistrationEndpoint;
        if (registrationEndpoint is not null && !ClientConfigurationEndpoints.SameOrigin(clientUri, registrationEndpoint))
        {
            RegistrationLog.ForeignRegistrationClientUri(Logger, Kind, client.ClientId, clientUri.Authority, registrationEndpoint.Authority);
            throw ClientConfigurationEndpoints.ForeignBeforeManagement(client, clientUri, registrationEndpoint, operation);
        }

        return clientUri;
    }

    /// <summary>Authorization of management calls: the registration access token as a Bearer token (RFC 7592 §2).</summary>
    private protected virtual ValueTask<AuthenticationHeaderValue> GetManagementAuthorizationAsync(
        IdentityProviderConnection provider,
        RegisteredClient client,
        IdentityProviderOperation operation,
        CancellationToken cancellationToken) =>
        client.RegistrationAccessToken is { } token
            ? ValueTask.FromResult(new AuthenticationHeaderValue("Bearer", token))
            : throw new IdentityProviderException(
                IdentityProviderErrorKind.Unsupported,
                operation,
                IdentityProviderMessages.Unsupported,
                $"Client {client.ClientId} has no registration access token: the identity provider does not offer RFC 7592 management.");

    /// <summary>The identity provider's own client field that requires PKCE, sent for <see cref="ClientMetadata.RequirePkce"/>; none in RFC 7591.</summary>
    private protected virtual KeyValuePair<string, string>? PkceFlag => null;

    private protected virtual JsonObject BuildRegistrationDocument(ClientRegistrationRequest request)
    {
        var document = ClientJson.ToDocument(
            request.Metadata,
            PortalClientTag.ClientName(request),
            request.Metadata.SoftwareId ?? (KeepsSoftwareId ? PortalClientTag.SoftwareId(request.PortalApplicationId) : null));
        if (request.Metadata.RequirePkce && PkceFlag is { } flag)
        {
            document[flag.Key] = flag.Value;
        }

        return document;
    }

    /// <summary>
    /// RFC 7592 §2.2: the whole client, with the same client_id; registration_access_token, registration_client_uri,
    /// client_secret_expires_at and client_id_issued_at are never sent, nor client_secret (it would have to match).
    /// </summary>
    private protected virtual JsonObject BuildUpdateDocument(RegisteredClient client, ClientRegistrationRequest request)
    {
        var document = new JsonObject { ["client_id"] = client.ClientId };
        foreach (var (name, value) in BuildRegistrationDocument(request).ToArray())
        {
            document[name] = value?.DeepClone();
        }

        return document;
    }

    /// <summary>
    /// A failed DELETE that still means "gone", or null. RFC 7592 §2.3: a server answers 401 when the client does
    /// not exist (and revokes the token), so 401 is confirmed with a token request that fails with invalid_client.
    /// </summary>
    private protected virtual async ValueTask<ClientDeletionOutcome?> InterpretFailedDeleteAsync(
        IdentityProviderConnection provider,
        RegisteredClient client,
        IdentityProviderResponse response,
        SecretScrubber scrubber,
        CancellationToken cancellationToken)
    {
        switch (response.Status)
        {
            case 404 or 410:
                return ClientDeletionOutcome.AlreadyGone;
            case 401 or 403:
                if (await ConfirmClientIsGoneAsync(provider, client, scrubber, cancellationToken).ConfigureAwait(false))
                {
                    return ClientDeletionOutcome.AlreadyGone;
                }

                throw Fail(response, IdentityProviderOperation.Delete, mayHaveActed: false, scrubber).Reclassify(
                    developerMessage: IdentityProviderMessages.ClientStillExists,
                    adminDetail: $"The identity provider refused the registration access token of client {client.ClientId} "
                        + $"(HTTP {response.Status}), but the client still authenticates at the token endpoint: its "
                        + "registration access token was lost (for example a rotated token whose answer never arrived). "
                        + "Delete the client at the identity provider by hand.");
            default:
                return null;
        }
    }

    /// <summary>The default rotation: register a replacement client with the same metadata.</summary>
    private protected virtual async Task<RotationResult> RotateSecretCoreAsync(
        IdentityProviderConnection provider,
        RegisteredClient client,
        ClientRegistrationRequest request,
        CancellationToken cancellationToken)
    {
        var replacement = await RegisterAsync(provider, request, cancellationToken).ConfigureAwait(false);
        return new RotationResult(replacement, RotationStrategy.ReplacementClient, client);
    }

    /// <summary>Vendor wording for an error the generic classification cannot explain well.</summary>
    private protected virtual IdentityProviderException TranslateError(
        IdentityProviderException error, IdentityProviderResponse response) => error;

    /// <summary>
    /// True when a client_credentials token request with the client's own secret fails with invalid_client, i.e.
    /// the identity provider no longer knows the client. Public clients (no secret) cannot be checked and are
    /// taken as gone, as RFC 7592 §2.3 says of a 401.
    /// </summary>
    private protected async ValueTask<bool> ConfirmClientIsGoneAsync(
        IdentityProviderConnection provider, RegisteredClient client, SecretScrubber scrubber, CancellationToken cancellationToken)
    {
        if (client.ClientSecret is null)
        {
            return true;
        }

        var endpoint = provider.Endpoints.TokenEndpoint;
        var response = await IdentityProviderHttp.RequestClientCredentialsTokenAsync(
                provider.Http,
                new ClientCredentialsTokenRequest
                {
                    Address = endpoint.AbsoluteUri,
                    ClientId = client.ClientId,
                    ClientSecret = client.ClientSecret,
                    ClientCredentialStyle = client.Metadata.TokenEndpointAuthMethod == "client_secret_post"
                        ? ClientCredentialStyle.PostBody
                        : ClientCredentialStyle.AuthorizationHeader,
                },
                endpoint,
                IdentityProviderOperation.Delete,
                scrubber,
                cancellationToken)
            .ConfigureAwait(false);

        var (error, _) = IdentityProviderErrors.ReadError(response.Json);
        if ((int)response.HttpStatusCode >= 500)
        {
            throw IdentityProviderErrors.FromResponse(
                IdentityProviderOperation.Delete, HttpMethod.Post, endpoint, (int)response.HttpStatusCode, response.Raw,
                response.Json, RetryAfterHeader.Read(response.HttpResponse, TimeProvider), mayHaveActed: false, scrubber);
        }

        return error == "invalid_client";
    }

    private protected IdentityProviderException Fail(
        IdentityProviderResponse response, IdentityProviderOperation operation, bool mayHaveActed, SecretScrubber scrubber) =>
        Calls.Fail(response, operation, mayHaveActed, scrubber, error => TranslateError(error, response));

    private protected RegisteredClient ReadClient(
        IdentityProviderResponse response,
        RegisteredClient? previous,
        IdentityProviderOperation operation,
        bool mayHaveActed,
        SecretScrubber scrubber) =>
        response.Json is { } json && ClientJson.ReadClient(json, previous) is { } client
            ? client
            : throw IdentityProviderHttp.InvalidResponse(
                response, operation, "the answer is not a client document with a client_id", mayHaveActed, scrubber);

    /// <summary>The client in a management call's answer; an error answer throws.</summary>
    private RegisteredClient ClientFromAnswer(
        IdentityProviderResponse response,
        RegisteredClient client,
        IdentityProviderOperation operation,
        bool mayHaveActed,
        SecretScrubber scrubber) =>
        response.IsSuccess
            ? ReadClient(response, client, operation, mayHaveActed, scrubber)
            : throw Fail(response, operation, mayHaveActed, scrubber);

    private protected static SecretScrubber Scrubber(
        IdentityProviderConnection provider, AuthenticationHeaderValue? authorization, RegisteredClient? client = null) =>
        new(
        [
            authorization?.Parameter,
            client?.ClientSecret,
            client?.RegistrationAccessToken,
            provider.Credentials switch
            {
                StaticInitialAccessToken token => token.Token,
                ClientCredentialsGrant grant => grant.ClientSecret,
                OktaApiToken okta => okta.ApiToken,
                Auth0ManagementClient auth0 => auth0.ClientSecret,
                _ => null,
            },
        ]);

    private void ForgetCachedToken(IdentityProviderConnection provider)
    {
        if (provider.Credentials is ClientCredentialsGrant grant)
        {
            Tokens.Invalidate(grant, provider.Endpoints.TokenEndpoint);
        }
    }

    /// <summary>
    /// Sends an RFC 7592 management call for <paramref name="client"/> to its client configuration endpoint, with the
    /// scrubber that masks the secrets it involves.
    /// </summary>
    private async Task<(IdentityProviderResponse Response, SecretScrubber Scrubber)> SendToClientAsync(
        IdentityProviderConnection provider,
        RegisteredClient client,
        HttpMethod method,
        JsonNode? body,
        IdentityProviderOperation operation,
        bool mayHaveActed,
        CancellationToken cancellationToken)
    {
        var uri = ResolveClientUri(provider, client, operation);
        var authorization = await GetManagementAuthorizationAsync(provider, client, operation, cancellationToken).ConfigureAwait(false);
        var scrubber = Scrubber(provider, authorization, client);
        var response = await Calls.SendAsync(provider.Http, method, uri, authorization, body, operation, mayHaveActed, scrubber, cancellationToken)
            .ConfigureAwait(false);
        return (response, scrubber);
    }
}
