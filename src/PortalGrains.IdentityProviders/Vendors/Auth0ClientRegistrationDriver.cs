using System.Collections.Frozen;
using System.Net.Http.Headers;
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
/// Auth0, through its Management API v2 (auth0.com/docs/api/management/v2) rather than its optional, unauthenticated
/// OIDC registration endpoint: clients are created with POST /api/v2/clients, their API scopes are a client grant
/// (POST/PATCH/DELETE /api/v2/client-grants) for the provider's API audience, updates are PATCH /api/v2/clients/{id},
/// secrets rotate with POST /api/v2/clients/{id}/rotate-secret, and DELETE /api/v2/clients/{id} removes the client
/// with its grants. Calls carry a Management API token obtained with client_credentials for the audience
/// https://{domain}/api/v2/. There is no registration access token. The portal's clients are found by listing
/// GET /api/v2/clients (page-based, at most 100 per page) and reading their client_metadata.
/// </summary>
public sealed class Auth0ClientRegistrationDriver : IClientRegistrationDriver, ITaggedClientSearch
{
    /// <summary>
    /// Auth0 keeps the portal tag in client_metadata (string values up to 255 characters, at most 10 keys:
    /// auth0.com/docs/get-started/applications/configure-application-metadata) as well as in the client name.
    /// </summary>
    public const string PortalApplicationIdMetadataKey = "portal_application_id";

    /// <summary>The largest page of GET /api/v2/clients (per_page is at most 100).</summary>
    public const int ListPageSize = 100;

    /// <summary>Pages read at most in one search, so that a tenant answering with ever more pages cannot keep the portal busy.</summary>
    public const int MaxListPages = 100;

    private static readonly FrozenSet<string> Auth0ApplicationTypes =
        FrozenSet.ToFrozenSet(["regular_web", "spa", "native", "non_interactive"], StringComparer.Ordinal);

    private readonly InitialAccessTokenProvider tokens;
    private readonly ILogger logger;
    private readonly RegistrationCalls calls;

    public Auth0ClientRegistrationDriver(
        InitialAccessTokenProvider tokens, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        this.tokens = tokens;
        this.logger = logger ?? NullLogger.Instance;
        calls = new RegistrationCalls(IdentityProviderKind.Auth0, this.logger, timeProvider ?? TimeProvider.System);
    }

    public IdentityProviderKind Kind => IdentityProviderKind.Auth0;

    /// <summary>
    /// Auth0's app_type for the metadata: an Auth0 value as it is, the Okta/OIDC names mapped, otherwise derived
    /// from the grant types and authentication method.
    /// </summary>
    public static string ApplicationTypeFor(ClientMetadata metadata) => metadata.ApplicationType switch
    {
        { } type when Auth0ApplicationTypes.Contains(type) => type,
        "web" => "regular_web",
        "browser" => "spa",
        "native" => "native",
        "service" => "non_interactive",
        _ when metadata.GrantTypes.Count > 0 && metadata.GrantTypes.All(grant => grant == "client_credentials") => "non_interactive",
        _ when metadata.TokenEndpointAuthMethod == "none" => "spa",
        _ => "regular_web",
    };

    public async Task<RegisteredClient> RegisterAsync(
        IdentityProviderConnection provider, ClientRegistrationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(request);
        var api = await ConnectAsync(provider, IdentityProviderOperation.Register, cancellationToken).ConfigureAwait(false);

        var response = await api.SendAsync(
            HttpMethod.Post, "clients", ClientDocument(request), IdentityProviderOperation.Register, mayHaveActed: true,
            cancellationToken).ConfigureAwait(false);
        var created = api.ReadClient(response, previous: null, IdentityProviderOperation.Register, mayHaveActed: true);

        IReadOnlyList<string> granted = [];
        if (request.Metadata.Scopes.Count > 0)
        {
            try
            {
                granted = await api.SyncGrantAsync(created.ClientId, request.Metadata.Scopes, IdentityProviderOperation.Register, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (IdentityProviderException exception)
            {
                // the client exists now: report it as it is (no scopes), so that it is stored and the next update
                // grants the scopes, instead of failing and leaving an orphan behind
                RegistrationLog.GrantAfterCreateFailed(logger, Kind, created.ClientId, exception.Kind);
            }
        }

        RegistrationLog.ClientRegistered(logger, Kind, created.ClientId, request.PortalApplicationId);
        return WithScopes(created, granted);
    }

    public async Task<RegisteredClient> ReadAsync(
        IdentityProviderConnection provider, RegisteredClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(client);
        var api = await ConnectAsync(provider, IdentityProviderOperation.Read, cancellationToken).ConfigureAwait(false);
        var response = await api.SendAsync(
            HttpMethod.Get, ClientPath(client.ClientId), body: null, IdentityProviderOperation.Read, mayHaveActed: false,
            cancellationToken).ConfigureAwait(false);
        var read = api.ReadClient(response, client, IdentityProviderOperation.Read, mayHaveActed: false);
        var grant = await api.FindGrantAsync(client.ClientId, IdentityProviderOperation.Read, cancellationToken).ConfigureAwait(false);
        return WithScopes(read, grant?.Scopes ?? []);
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
        var api = await ConnectAsync(provider, IdentityProviderOperation.Update, cancellationToken).ConfigureAwait(false);

        // PATCH replaces the fields it names and nothing else, so sending the same document twice is harmless
        var response = await api.SendAsync(
            new HttpMethod("PATCH"), ClientPath(client.ClientId), ClientDocument(request), IdentityProviderOperation.Update,
            mayHaveActed: false, cancellationToken).ConfigureAwait(false);
        var updated = api.ReadClient(response, client, IdentityProviderOperation.Update, mayHaveActed: false);
        var granted = await api.SyncGrantAsync(client.ClientId, request.Metadata.Scopes, IdentityProviderOperation.Update, cancellationToken)
            .ConfigureAwait(false);
        RegistrationLog.ClientUpdated(logger, Kind, client.ClientId);
        return WithScopes(updated, granted);
    }

    public async Task<ClientDeletionOutcome> DeleteAsync(
        IdentityProviderConnection provider, RegisteredClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(client);
        var api = await ConnectAsync(provider, IdentityProviderOperation.Delete, cancellationToken).ConfigureAwait(false);
        var response = await api.SendRawAsync(
            HttpMethod.Delete, ClientPath(client.ClientId), body: null, IdentityProviderOperation.Delete, mayHaveActed: false,
            cancellationToken).ConfigureAwait(false);
        var outcome = response.Status switch
        {
            >= 200 and < 300 => ClientDeletionOutcome.Deleted,
            404 => ClientDeletionOutcome.AlreadyGone,
            _ => throw api.Fail(response, IdentityProviderOperation.Delete, mayHaveActed: false),
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
        var api = await ConnectAsync(provider, IdentityProviderOperation.RotateSecret, cancellationToken).ConfigureAwait(false);

        // the old secret stops working once Auth0 answers: a lost answer leaves the portal without a secret
        var response = await api.SendAsync(
            HttpMethod.Post, ClientPath(client.ClientId) + "/rotate-secret", body: null, IdentityProviderOperation.RotateSecret,
            mayHaveActed: true, cancellationToken).ConfigureAwait(false);
        var rotated = WithScopes(
            api.ReadClient(response, client, IdentityProviderOperation.RotateSecret, mayHaveActed: true),
            client.Metadata.Scopes);
        RegistrationLog.SecretRotated(logger, Kind, client.ClientId, RotationStrategy.InPlace, rotated.ClientId);
        return new RotationResult(rotated, RotationStrategy.InPlace, rotated);
    }

    public async Task<IReadOnlyList<TaggedClient>> FindClientsOfApplicationAsync(
        IdentityProviderConnection provider, string applicationId, string clientName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentException.ThrowIfNullOrEmpty(applicationId);
        var api = await ConnectAsync(provider, IdentityProviderOperation.Read, cancellationToken).ConfigureAwait(false);
        return await api.FindClientsOfApplicationAsync(applicationId, cancellationToken).ConfigureAwait(false);
    }

    private static string ClientPath(string clientId) => "clients/" + Uri.EscapeDataString(clientId);

    private static RegisteredClient WithScopes(RegisteredClient client, IReadOnlyList<string> scopes) =>
        client with { Metadata = client.Metadata with { Scopes = scopes } };

    private static JsonObject ClientDocument(ClientRegistrationRequest request)
    {
        var metadata = request.Metadata;
        var document = new JsonObject
        {
            ["name"] = PortalClientTag.ClientName(request),
            ["app_type"] = ApplicationTypeFor(metadata),
            ["callbacks"] = ClientJson.Array(metadata.RedirectUris),
            ["grant_types"] = ClientJson.Array(metadata.GrantTypes),
            ["client_metadata"] = new JsonObject { [PortalApplicationIdMetadataKey] = request.PortalApplicationId },
        };
        if (metadata.TokenEndpointAuthMethod is { } authMethod)
        {
            document["token_endpoint_auth_method"] = authMethod;
        }

        ClientJson.AddExtensions(document, metadata.Extensions);
        return document;
    }

    private async Task<ManagementApi> ConnectAsync(
        IdentityProviderConnection provider, IdentityProviderOperation operation, CancellationToken cancellationToken)
    {
        if (provider.Credentials is not Auth0ManagementClient credentials)
        {
            throw new IdentityProviderException(
                IdentityProviderErrorKind.Permanent,
                operation,
                IdentityProviderMessages.CredentialsRefused,
                "The Auth0 driver needs a Management API machine-to-machine client (client id, secret, API audience).");
        }

        var origin = credentials.Domain switch
        {
            null => provider.Endpoints.Issuer.GetLeftPart(UriPartial.Authority),
            { } domain when domain.Contains("://", StringComparison.Ordinal) => domain.TrimEnd('/'),
            { } domain => "https://" + domain.TrimEnd('/'),
        };
        var baseUri = new Uri($"{origin}/api/v2/");
        var grant = new ClientCredentialsGrant(
            credentials.ClientId,
            credentials.ClientSecret,
            Audience: baseUri.AbsoluteUri,
            TokenEndpoint: new Uri($"{origin}/oauth/token"),
            SendCredentialsInBody: true);
        var token = await tokens.GetClientCredentialsTokenAsync(
            provider.Http, grant, provider.Endpoints.TokenEndpoint, singleUse: false, cancellationToken).ConfigureAwait(false);
        return new ManagementApi(this, provider, baseUri, credentials.ApiAudience, grant, token);
    }

    private sealed record ClientGrant(string Id, IReadOnlyList<string> Scopes);

    /// <summary>One connection to a tenant's Management API, with the token and the scrubber of its secrets.</summary>
    private sealed class ManagementApi(
        Auth0ClientRegistrationDriver driver,
        IdentityProviderConnection provider,
        Uri baseUri,
        string apiAudience,
        ClientCredentialsGrant grant,
        string token)
    {
        private readonly SecretScrubber scrubber = new([token, grant.ClientSecret]);
        private readonly AuthenticationHeaderValue authorization = new("Bearer", token);

        public async Task<IdentityProviderResponse> SendAsync(
            HttpMethod method,
            string path,
            JsonNode? body,
            IdentityProviderOperation operation,
            bool mayHaveActed,
            CancellationToken cancellationToken)
        {
            var response = await SendRawAsync(method, path, body, operation, mayHaveActed, cancellationToken).ConfigureAwait(false);
            return response.IsSuccess ? response : throw Fail(response, operation, mayHaveActed);
        }

        public Task<IdentityProviderResponse> SendRawAsync(
            HttpMethod method,
            string path,
            JsonNode? body,
            IdentityProviderOperation operation,
            bool mayHaveActed,
            CancellationToken cancellationToken) =>
            driver.calls.SendAsync(
                provider.Http, method, new Uri(baseUri, path), authorization, body, operation, mayHaveActed, scrubber, cancellationToken);

        public IdentityProviderException Fail(IdentityProviderResponse response, IdentityProviderOperation operation, bool mayHaveActed) =>
            driver.calls.Fail(response, operation, mayHaveActed, scrubber, error => response.Status switch
            {
                401 => TokenRefused(error),
                403 => error.Reclassify(
                    developerMessage: IdentityProviderMessages.CredentialsRefused,
                    adminDetail: $"The Auth0 Management API client {grant.ClientId} lacks a scope; it needs create:clients, "
                        + "read:clients, update:clients, delete:clients and create/read/update/delete:client_grants. "
                        + error.AdminDetail),
                _ => error,
            });

        private IdentityProviderException TokenRefused(IdentityProviderException error)
        {
            driver.tokens.Invalidate(grant, provider.Endpoints.TokenEndpoint);
            return error.Reclassify(
                developerMessage: IdentityProviderMessages.CredentialsRefused,
                adminDetail: $"Auth0 refused the Management API token of client {grant.ClientId}: {error.AdminDetail}");
        }

        public RegisteredClient ReadClient(
            IdentityProviderResponse response, RegisteredClient? previous, IdentityProviderOperation operation, bool mayHaveActed)
        {
            if (response.Json is not { ValueKind: JsonValueKind.Object } root
                || ClientJson.String(root, "client_id") is not { Length: > 0 } clientId)
            {
                throw IdentityProviderHttp.InvalidResponse(
                    response, operation, "the answer is not an Auth0 client with a client_id", mayHaveActed, scrubber);
            }

            var sameClient = previous is not null && string.Equals(previous.ClientId, clientId, StringComparison.Ordinal);
            var extensions = root.TryGetProperty("client_metadata", out var clientMetadata)
                             && clientMetadata.ValueKind == JsonValueKind.Object
                ? new Dictionary<string, JsonElement> { ["client_metadata"] = clientMetadata.Clone() }.ToFrozenDictionary()
                : ClientMetadata.NoExtensions;
            return new RegisteredClient
            {
                ClientId = clientId,
                ClientSecret = ClientJson.String(root, "client_secret") ?? (sameClient ? previous!.ClientSecret : null),
                Metadata = new ClientMetadata
                {
                    ClientName = ClientJson.String(root, "name"),
                    RedirectUris = ClientJson.Strings(root, "callbacks"),
                    GrantTypes = ClientJson.Strings(root, "grant_types"),
                    TokenEndpointAuthMethod = ClientJson.String(root, "token_endpoint_auth_method"),
                    ApplicationType = ClientJson.String(root, "app_type"),
                    Scopes = sameClient ? previous!.Metadata.Scopes : [],
                    Extensions = extensions,
                },
            };
        }

        /// <summary>
        /// Lists the tenant's clients page by page (auth0.com/docs/api/management/v2/clients/get-clients: page from 0,
        /// per_page up to 100, include_totals wraps the page in { start, limit, total, clients }) and keeps those whose
        /// client_metadata names the application. The name is not enough: anyone can name a client like the portal does.
        /// </summary>
        public async Task<IReadOnlyList<TaggedClient>> FindClientsOfApplicationAsync(string applicationId, CancellationToken cancellationToken)
        {
            const IdentityProviderOperation operation = IdentityProviderOperation.Read;
            var found = new List<TaggedClient>();
            var listed = 0;
            for (var page = 0; ; page++)
            {
                if (page == MaxListPages)
                {
                    throw new IdentityProviderException(
                        IdentityProviderErrorKind.Permanent, operation, IdentityProviderMessages.InvalidResponse,
                        $"GET {new Uri(baseUri, "clients").AbsoluteUri} has more than {MaxListPages} pages of {ListPageSize} clients.");
                }

                var path = $"clients?fields=client_id,name,client_metadata&include_fields=true&page={page}&per_page={ListPageSize}&include_totals=true";
                var response = await SendAsync(HttpMethod.Get, path, body: null, operation, mayHaveActed: false, cancellationToken)
                    .ConfigureAwait(false);
                var (clients, total) = response.Json switch
                {
                    { ValueKind: JsonValueKind.Object } wrapped when wrapped.TryGetProperty("clients", out var items)
                                                                     && items.ValueKind == JsonValueKind.Array =>
                        (items, wrapped.TryGetProperty("total", out var totalValue) && totalValue.TryGetInt32(out var n) ? n : (int?)null),
                    // without include_totals (or a tenant that ignores it) the page is a bare array
                    { ValueKind: JsonValueKind.Array } array => (array, (int?)null),
                    _ => throw IdentityProviderHttp.InvalidResponse(
                        response, operation, "the answer is not a list of clients", mayHaveActed: false, scrubber),
                };
                var count = 0;
                foreach (var client in clients.EnumerateArray())
                {
                    count++;
                    if (client.ValueKind == JsonValueKind.Object
                        && ClientJson.String(client, "client_id") is { Length: > 0 } clientId
                        && client.TryGetProperty("client_metadata", out var metadata)
                        && string.Equals(ClientJson.String(metadata, PortalApplicationIdMetadataKey), applicationId, StringComparison.Ordinal))
                    {
                        found.Add(new TaggedClient(clientId, ClientJson.String(client, "name")));
                    }
                }

                listed += count;
                if (count == 0 || (total is { } all ? listed >= all : count < ListPageSize))
                {
                    return found.DistinctBy(client => client.ClientId, StringComparer.Ordinal).ToArray();
                }
            }
        }

        public async Task<ClientGrant?> FindGrantAsync(
            string clientId, IdentityProviderOperation operation, CancellationToken cancellationToken)
        {
            var path = $"client-grants?client_id={Uri.EscapeDataString(clientId)}&audience={Uri.EscapeDataString(apiAudience)}";
            var response = await SendAsync(HttpMethod.Get, path, body: null, operation, mayHaveActed: false, cancellationToken)
                .ConfigureAwait(false);
            var grants = response.Json switch
            {
                { ValueKind: JsonValueKind.Array } array => array,
                // paginated form: { "client_grants": [...] }
                { ValueKind: JsonValueKind.Object } page when page.TryGetProperty("client_grants", out var items) => items,
                _ => throw IdentityProviderHttp.InvalidResponse(
                    response, operation, "the answer is not a list of client grants", mayHaveActed: false, scrubber),
            };
            foreach (var item in grants.EnumerateArray())
            {
                if (ClientJson.String(item, "id") is { } id
                    && string.Equals(ClientJson.String(item, "audience"), apiAudience, StringComparison.Ordinal))
                {
                    return new ClientGrant(id, ClientJson.Strings(item, "scope"));
                }
            }

            return null;
        }

        /// <summary>Makes the client's grant for the API audience hold exactly <paramref name="scopes"/>; returns the scopes granted.</summary>
        public async Task<IReadOnlyList<string>> SyncGrantAsync(
            string clientId, IReadOnlyList<string> scopes, IdentityProviderOperation operation, CancellationToken cancellationToken)
        {
            var existing = await FindGrantAsync(clientId, operation, cancellationToken).ConfigureAwait(false);
            if (scopes.Count == 0)
            {
                if (existing is not null)
                {
                    var deleted = await SendRawAsync(
                        HttpMethod.Delete, "client-grants/" + Uri.EscapeDataString(existing.Id), body: null, operation,
                        mayHaveActed: false, cancellationToken).ConfigureAwait(false);
                    if (!deleted.IsSuccess && deleted.Status != 404)
                    {
                        throw Fail(deleted, operation, mayHaveActed: false);
                    }
                }

                return [];
            }

            if (existing is null)
            {
                var created = await SendAsync(
                    HttpMethod.Post,
                    "client-grants",
                    new JsonObject { ["client_id"] = clientId, ["audience"] = apiAudience, ["scope"] = ClientJson.Array(scopes) },
                    operation,
                    mayHaveActed: false,
                    cancellationToken).ConfigureAwait(false);
                return ScopesOf(created, scopes);
            }

            if (new HashSet<string>(existing.Scopes, StringComparer.Ordinal).SetEquals(scopes))
            {
                return existing.Scopes;
            }

            var patched = await SendAsync(
                new HttpMethod("PATCH"),
                "client-grants/" + Uri.EscapeDataString(existing.Id),
                new JsonObject { ["scope"] = ClientJson.Array(scopes) },
                operation,
                mayHaveActed: false,
                cancellationToken).ConfigureAwait(false);
            return ScopesOf(patched, scopes);
        }

        private static IReadOnlyList<string> ScopesOf(IdentityProviderResponse response, IReadOnlyList<string> requested) =>
            response.Json is { ValueKind: JsonValueKind.Object } grant && grant.TryGetProperty("scope", out _)
                ? ClientJson.Strings(grant, "scope")
                : requested;
    }
}
