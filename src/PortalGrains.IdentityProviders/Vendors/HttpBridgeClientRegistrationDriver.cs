using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PortalGrains.IdentityProviders.Errors;
using PortalGrains.IdentityProviders.Http;
using PortalGrains.IdentityProviders.InitialAccess;
using PortalGrains.IdentityProviders.Registration;

namespace PortalGrains.IdentityProviders.Vendors;

/// <summary>
/// A customer's HTTP service implementing Kong Konnect's DCR HTTP integration (github.com/Kong/konnect-portal-dcr-handler,
/// openapi/openapi.yaml), which registers clients at an identity provider the portal has no driver for:
/// <list type="bullet">
/// <item>every call carries <c>X-API-KEY</c> (the provider's initial access token) and goes below the provider's
/// registration endpoint, the bridge's base URL;</item>
/// <item><c>POST /</c> with client_name, redirect_uris, grant_types, scopes, token_endpoint_auth_method,
/// application_description and developer_id answers 201 with client_id, client_secret and optionally
/// client_id_issued_at and client_secret_expires_at (epoch seconds or a date-time; some bridges wrap them in
/// "application");</item>
/// <item><c>DELETE /{client_id}</c> answers 204; <c>POST /{client_id}/new-secret</c> answers the client_id with a new
/// client_secret, and the old one stops working at once (no grace period);</item>
/// <item>there is no read and no update: changes are told with <c>POST /{client_id}/event-hook</c>, one
/// <c>add_registration</c> or <c>remove_registration</c> per scope gained or lost (the scope as
/// api_product_version_id, the full scope set as scopes) and <c>update_application</c> when the name, redirect URIs
/// or grant types change. Bridges must treat a repeated event as harmless: an event whose answer is lost is sent
/// again;</item>
/// <item>errors are <c>{error, error_description}</c>.</item>
/// </list>
/// The bridge returns no metadata, so the client's metadata is what was last sent, and nothing is searched for: a
/// registration whose answer was lost may leave a client at the identity provider behind the bridge.
/// </summary>
public sealed class HttpBridgeClientRegistrationDriver : IClientRegistrationDriver, IConnectionProbe
{
    public const string ApiKeyHeader = "X-API-KEY";

    private readonly TimeProvider timeProvider;
    private readonly ILogger logger;

    public HttpBridgeClientRegistrationDriver(TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        this.timeProvider = timeProvider ?? TimeProvider.System;
        this.logger = logger ?? NullLogger.Instance;
    }

    public IdentityProviderKind Kind => IdentityProviderKind.HttpBridge;

    public string ProbeName => "bridgeApiKey";

    public async Task<RegisteredClient> RegisterAsync(
        IdentityProviderConnection provider, ClientRegistrationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(request);
        var bridge = Connect(provider, IdentityProviderOperation.Register);
        var sent = Sent(request);
        var body = new JsonObject
        {
            ["client_name"] = sent.ClientName,
            ["redirect_uris"] = ClientJson.Array(sent.RedirectUris),
            ["grant_types"] = ClientJson.Array(sent.GrantTypes),
            ["scopes"] = ClientJson.Array(sent.Scopes),
            ["token_endpoint_auth_method"] = sent.TokenEndpointAuthMethod ?? "client_secret_basic",
            ["application_description"] = request.ApplicationDescription ?? string.Empty,
            ["developer_id"] = request.DeveloperId ?? string.Empty,
        };

        var response = await bridge.SendAsync(HttpMethod.Post, "", body, IdentityProviderOperation.Register, mayHaveActed: true, cancellationToken)
            .ConfigureAwait(false);
        var client = bridge.ReadClient(response, sent, IdentityProviderOperation.Register, mayHaveActed: true);
        RegistrationLog.ClientRegistered(logger, Kind, client.ClientId, request.PortalApplicationId);
        return client;
    }

    /// <summary>The bridge has no read: the client is what the portal last sent and received.</summary>
    public Task<RegisteredClient> ReadAsync(
        IdentityProviderConnection provider, RegisteredClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(client);
        return Task.FromResult(client);
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
        var bridge = Connect(provider, IdentityProviderOperation.Update);
        var before = client.Metadata;
        var after = Sent(request);
        var hook = EventHookPath(client.ClientId);
        if (!string.Equals(before.ClientName, after.ClientName, StringComparison.Ordinal)
            || !SameSet(before.RedirectUris, after.RedirectUris)
            || !SameSet(before.GrantTypes, after.GrantTypes))
        {
            await bridge.SendAsync(HttpMethod.Post, hook, Event("update_application", client.ClientId, request, after, scope: null),
                IdentityProviderOperation.Update, mayHaveActed: false, cancellationToken).ConfigureAwait(false);
        }

        foreach (var scope in before.Scopes.Except(after.Scopes, StringComparer.Ordinal))
        {
            await bridge.SendAsync(HttpMethod.Post, hook, Event("remove_registration", client.ClientId, request, after, scope),
                IdentityProviderOperation.Update, mayHaveActed: false, cancellationToken).ConfigureAwait(false);
        }

        foreach (var scope in after.Scopes.Except(before.Scopes, StringComparer.Ordinal))
        {
            await bridge.SendAsync(HttpMethod.Post, hook, Event("add_registration", client.ClientId, request, after, scope),
                IdentityProviderOperation.Update, mayHaveActed: false, cancellationToken).ConfigureAwait(false);
        }

        RegistrationLog.ClientUpdated(logger, Kind, client.ClientId);
        return client with { Metadata = after };
    }

    public async Task<ClientDeletionOutcome> DeleteAsync(
        IdentityProviderConnection provider, RegisteredClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(client);
        var bridge = Connect(provider, IdentityProviderOperation.Delete);
        var response = await bridge.SendRawAsync(
            HttpMethod.Delete, ClientPath(client.ClientId), body: null, IdentityProviderOperation.Delete, mayHaveActed: false,
            cancellationToken).ConfigureAwait(false);
        var outcome = response.Status switch
        {
            >= 200 and < 300 => ClientDeletionOutcome.Deleted,
            404 or 410 => ClientDeletionOutcome.AlreadyGone,
            _ => throw bridge.Fail(response, IdentityProviderOperation.Delete, mayHaveActed: false),
        };
        RegistrationLog.ClientDeleted(logger, Kind, client.ClientId, outcome);
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
        var bridge = Connect(provider, IdentityProviderOperation.RotateSecret);
        // the old secret stops working once the bridge answers: a lost answer leaves the portal without a secret
        var response = await bridge.SendAsync(
            HttpMethod.Post, ClientPath(client.ClientId) + "/new-secret", new JsonObject(), IdentityProviderOperation.RotateSecret,
            mayHaveActed: true, cancellationToken).ConfigureAwait(false);
        var rotated = bridge.ReadClient(response, client.Metadata, IdentityProviderOperation.RotateSecret, mayHaveActed: true);
        if (!string.Equals(rotated.ClientId, client.ClientId, StringComparison.Ordinal))
        {
            throw IdentityProviderHttp.InvalidResponse(
                response, IdentityProviderOperation.RotateSecret, $"it names client {rotated.ClientId}, not {client.ClientId}",
                mayHaveActed: true, bridge.Scrubber);
        }

        rotated = rotated with { ClientIdIssuedAt = rotated.ClientIdIssuedAt ?? client.ClientIdIssuedAt };
        RegistrationLog.SecretRotated(logger, Kind, client.ClientId, RotationStrategy.InPlace, rotated.ClientId);
        return new RotationResult(rotated, RotationStrategy.InPlace, rotated);
    }

    /// <summary>
    /// DELETE of a client id no bridge can hold: an authenticated request that changes nothing. A refused key answers
    /// 401 or 403; any other answer below 500 shows the key was accepted.
    /// </summary>
    public async Task<string> ProbeAsync(IdentityProviderConnection provider, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var bridge = Connect(provider, IdentityProviderOperation.Read);
        var probe = "portal-connection-check-" + Guid.NewGuid().ToString("N");
        var response = await bridge.SendRawAsync(
            HttpMethod.Delete, ClientPath(probe), body: null, IdentityProviderOperation.Read, mayHaveActed: false, cancellationToken)
            .ConfigureAwait(false);
        return response.Status is 401 or 403 or >= 500
            ? throw bridge.Fail(response, IdentityProviderOperation.Read, mayHaveActed: false)
            : $"the bridge at {bridge.BaseUri.GetLeftPart(UriPartial.Path)} accepted the API key (DELETE of an unknown client answered HTTP {response.Status})";
    }

    /// <summary>The metadata the bridge is told: the bridge echoes none, so this is what the portal keeps as the client's.</summary>
    private static ClientMetadata Sent(ClientRegistrationRequest request) =>
        request.Metadata with { ClientName = PortalClientTag.ClientName(request) };

    private static JsonObject Event(string type, string clientId, ClientRegistrationRequest request, ClientMetadata sent, string? scope)
    {
        var document = new JsonObject
        {
            ["event_type"] = type,
            ["client_id"] = clientId,
            ["application_id"] = request.PortalApplicationId,
            ["application_name"] = sent.ClientName,
            ["application_description"] = request.ApplicationDescription ?? string.Empty,
            ["developer_id"] = request.DeveloperId ?? string.Empty,
            ["redirect_uris"] = ClientJson.Array(sent.RedirectUris),
            ["grant_types"] = ClientJson.Array(sent.GrantTypes),
            ["scopes"] = ClientJson.Array(sent.Scopes),
        };
        if (scope is not null)
        {
            document["api_product_version_id"] = scope;
        }

        return document;
    }

    private static string ClientPath(string clientId) => Uri.EscapeDataString(clientId);

    private static string EventHookPath(string clientId) => ClientPath(clientId) + "/event-hook";

    private static bool SameSet(IReadOnlyList<string> left, IReadOnlyList<string> right) =>
        new HashSet<string>(left, StringComparer.Ordinal).SetEquals(right);

    private Bridge Connect(IdentityProviderConnection provider, IdentityProviderOperation operation)
    {
        if (provider.Credentials is not StaticInitialAccessToken key)
        {
            throw new IdentityProviderException(
                IdentityProviderErrorKind.Permanent,
                operation,
                IdentityProviderMessages.NotConfiguredCorrectly,
                "The HTTP bridge needs its API key as the provider's initial access token (sent as X-API-KEY).");
        }

        var endpoint = provider.Endpoints.RegistrationEndpoint ?? throw new IdentityProviderException(
            IdentityProviderErrorKind.Permanent,
            operation,
            IdentityProviderMessages.NotConfiguredCorrectly,
            "The HTTP bridge's base URL is the provider's registration endpoint, and none is configured.");
        var baseUri = new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/");
        return new Bridge(this, provider, baseUri, key.Token);
    }

    /// <summary>One connection to a bridge, with its API key and the scrubber of the secrets it involves.</summary>
    private sealed class Bridge(HttpBridgeClientRegistrationDriver driver, IdentityProviderConnection provider, Uri baseUri, string apiKey)
    {
        private readonly KeyValuePair<string, string>[] headers = [new(ApiKeyHeader, apiKey)];

        public Uri BaseUri { get; } = baseUri;

        public SecretScrubber Scrubber { get; } = new([apiKey]);

        public async Task<IdentityProviderResponse> SendAsync(
            HttpMethod method, string path, JsonNode? body, IdentityProviderOperation operation, bool mayHaveActed, CancellationToken cancellationToken)
        {
            var response = await SendRawAsync(method, path, body, operation, mayHaveActed, cancellationToken).ConfigureAwait(false);
            return response.IsSuccess ? response : throw Fail(response, operation, mayHaveActed);
        }

        public async Task<IdentityProviderResponse> SendRawAsync(
            HttpMethod method, string path, JsonNode? body, IdentityProviderOperation operation, bool mayHaveActed, CancellationToken cancellationToken)
        {
            try
            {
                return await IdentityProviderHttp.SendAsync(
                        provider.Http, method, new Uri(BaseUri, path), authorization: null, headers, body, operation, mayHaveActed,
                        Scrubber, driver.timeProvider, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (IdentityProviderException exception)
            {
                RegistrationLog.CallFailed(driver.logger, driver.Kind, operation, exception.Kind, exception.HttpStatus, exception.Error);
                throw;
            }
        }

        public IdentityProviderException Fail(IdentityProviderResponse response, IdentityProviderOperation operation, bool mayHaveActed)
        {
            var error = IdentityProviderHttp.Failure(response, operation, mayHaveActed, Scrubber);
            if (response.Status is 401 or 403)
            {
                error = error.Reclassify(
                    IdentityProviderErrorKind.Permanent,
                    IdentityProviderMessages.CredentialsRefused,
                    $"The HTTP bridge refused the API key (X-API-KEY, the provider's initial access token): {error.AdminDetail}");
            }

            RegistrationLog.CallFailed(driver.logger, driver.Kind, operation, error.Kind, error.HttpStatus, error.Error);
            return error;
        }

        /// <summary>The client in a registration or new-secret answer: {client_id, client_secret, ...}, possibly inside "application".</summary>
        public RegisteredClient ReadClient(
            IdentityProviderResponse response, ClientMetadata sent, IdentityProviderOperation operation, bool mayHaveActed)
        {
            var root = response.Json is { ValueKind: JsonValueKind.Object } json
                       && json.TryGetProperty("application", out var wrapped) && wrapped.ValueKind == JsonValueKind.Object
                ? wrapped
                : response.Json;
            if (root is not { } answer
                || ClientJson.String(answer, "client_id") is not { Length: > 0 } clientId
                || ClientJson.String(answer, "client_secret") is not { Length: > 0 } secret)
            {
                throw IdentityProviderHttp.InvalidResponse(
                    response, operation, "the answer has no client_id and client_secret", mayHaveActed, Scrubber);
            }

            return new RegisteredClient
            {
                ClientId = clientId,
                ClientSecret = secret,
                ClientIdIssuedAt = Instant(answer, "client_id_issued_at"),
                ClientSecretExpiresAt = Instant(answer, "client_secret_expires_at"),
                Metadata = sent,
            };
        }

        /// <summary>Epoch seconds (0 = never) or an ISO 8601 date-time; null when absent or unreadable.</summary>
        private static DateTimeOffset? Instant(JsonElement answer, string name)
        {
            if (!answer.TryGetProperty(name, out var value))
            {
                return null;
            }

            if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var seconds))
            {
                return seconds <= 0 ? null : DateTimeOffset.FromUnixTimeSeconds(seconds);
            }

            if (value.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            var text = value.GetString();
            if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var epoch))
            {
                return epoch <= 0 ? null : DateTimeOffset.FromUnixTimeSeconds(epoch);
            }

            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
                ? instant
                : null;
        }
    }
}
