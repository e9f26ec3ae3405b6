using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PortalGrains.IdentityProviders.Errors;
using PortalGrains.IdentityProviders.InitialAccess;
using PortalGrains.IdentityProviders.Registration;

namespace PortalGrains.IdentityProviders.Vendors;

/// <summary>
/// Microsoft Entra ID, which has no RFC 7591 endpoint, through Microsoft Graph v1.0 with plain HTTP and typed JSON (no
/// Graph SDK: the calls go through the provider's HttpClient, outbound policy, resilience pipeline and failure boundary
/// like every other driver's):
/// <list type="bullet">
/// <item>register: POST /applications (display name and tags carry the portal tag; requiredResourceAccess lists the
/// API's app roles for the scopes), POST /servicePrincipals, POST /applications(appId=…)/addPassword (its secretText is
/// the client secret, its endDateTime the secret's expiry), and an app role assignment per scope on the API's service
/// principal (POST /servicePrincipals/{api}/appRoleAssignedTo);</item>
/// <item>update: PATCH /applications(appId=…), then assignments added and removed until they match the scopes;</item>
/// <item>rotate: addPassword; the previous password keeps working until <see cref="RevokeSecretAsync"/> removes it
/// (POST …/removePassword) after the grace period;</item>
/// <item>delete: DELETE /applications(appId=…), which takes the service principal and its assignments along;</item>
/// <item>search: GET /applications?$filter=tags/any(t:t eq 'portal:{applicationId}').</item>
/// </list>
/// The Graph token comes from the tenant's token endpoint (client_credentials of the portal's app registration).
/// The client id the portal hands out is the application's appId; the product and plan scopes are app role values of
/// the API's app registration (<see cref="EntraGraphClient.ApiApplicationId"/>), which Entra issues in the roles claim.
/// </summary>
public sealed class EntraClientRegistrationDriver : IClientRegistrationDriver, ITaggedClientSearch, IPreviousSecretRevocation, IConnectionProbe
{
    /// <summary>Graph v1.0, unless the provider's registrationEndpoint overrides it.</summary>
    public static readonly Uri DefaultGraphBase = new("https://graph.microsoft.com/v1.0/");

    /// <summary>The client metadata extension holding the keyId of the password credential whose secret the portal holds.</summary>
    public const string PasswordKeyIdExtension = "entra_password_key_id";

    /// <summary>Pages of the tag search read at most, so that a listing that never ends cannot keep the portal busy.</summary>
    public const int MaxListPages = 20;

    private readonly InitialAccessTokenProvider tokens;
    private readonly TimeProvider timeProvider;
    private readonly ILogger logger;

    public EntraClientRegistrationDriver(InitialAccessTokenProvider tokens, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        this.tokens = tokens;
        this.timeProvider = timeProvider ?? TimeProvider.System;
        this.logger = logger ?? NullLogger.Instance;
    }

    public IdentityProviderKind Kind => IdentityProviderKind.Entra;

    public async Task<RegisteredClient> RegisterAsync(
        IdentityProviderConnection provider, ClientRegistrationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(request);
        const IdentityProviderOperation operation = IdentityProviderOperation.Register;
        var graph = await ConnectAsync(provider, operation, cancellationToken).ConfigureAwait(false);
        // unknown scopes are refused before anything exists at the tenant
        var api = await graph.ReadApiRolesAsync(operation, cancellationToken).ConfigureAwait(false);
        var roles = api.RoleIdsOf(request.Metadata.Scopes, operation);

        var created = await graph.SendAsync(
            HttpMethod.Post, "applications", ApplicationDocument(request, graph.ApiApplicationId, roles), operation, mayHaveActed: true,
            cancellationToken).ConfigureAwait(false);
        if (created.Json is not { ValueKind: JsonValueKind.Object } application
            || ClientJson.String(application, "appId") is not { Length: > 0 } appId)
        {
            throw graph.Invalid(created, operation, "the answer is not an application with an appId", mayHaveActed: true);
        }

        string servicePrincipalId;
        EntraPassword password;
        try
        {
            var principal = await graph.SendAboutNewObjectAsync(
                HttpMethod.Post, "servicePrincipals", new JsonObject { ["appId"] = appId }, operation, mayHaveActed: true, cancellationToken)
                .ConfigureAwait(false);
            servicePrincipalId = principal.Json is { ValueKind: JsonValueKind.Object } root && ClientJson.String(root, "id") is { Length: > 0 } id
                ? id
                : throw graph.Invalid(principal, operation, "the answer is not a service principal with an id", mayHaveActed: true);
            password = await graph.AddPasswordAsync(appId, newApplication: true, operation, cancellationToken).ConfigureAwait(false);
        }
        catch (IdentityProviderException exception)
        {
            throw await AbandonAsync(graph, appId, exception, cancellationToken).ConfigureAwait(false);
        }

        IReadOnlyList<string> granted = [];
        try
        {
            granted = await graph.SyncAssignmentsAsync(servicePrincipalId, api, request.Metadata.Scopes, newPrincipal: true, operation, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (IdentityProviderException exception)
        {
            // the client and its secret exist now: report it with the roles it holds, so that it is stored and the
            // next update assigns the rest, instead of failing and leaving an orphan behind
            RegistrationLog.GrantAfterCreateFailed(logger, Kind, appId, exception.Kind);
        }

        RegistrationLog.ClientRegistered(logger, Kind, appId, request.PortalApplicationId);
        return new RegisteredClient
        {
            ClientId = appId,
            ClientSecret = password.SecretText,
            ClientSecretExpiresAt = password.EndDateTime,
            ClientIdIssuedAt = timeProvider.GetUtcNow(),
            Metadata = Metadata(request, granted, password.KeyId),
        };
    }

    public async Task<RegisteredClient> ReadAsync(
        IdentityProviderConnection provider, RegisteredClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(client);
        const IdentityProviderOperation operation = IdentityProviderOperation.Read;
        var graph = await ConnectAsync(provider, operation, cancellationToken).ConfigureAwait(false);
        var response = await graph.SendAsync(
            HttpMethod.Get, EntraGraphApi.ApplicationPath(client.ClientId) + "?$select=id,appId,displayName,web,publicClient", body: null,
            operation, mayHaveActed: false, cancellationToken).ConfigureAwait(false);
        if (response.Json is not { ValueKind: JsonValueKind.Object } application)
        {
            throw graph.Invalid(response, operation, "the answer is not an application", mayHaveActed: false);
        }

        var api = await graph.ReadApiRolesAsync(operation, cancellationToken).ConfigureAwait(false);
        var principal = await graph.ReadServicePrincipalIdAsync(client.ClientId, operation, cancellationToken).ConfigureAwait(false);
        var assignments = await graph.ReadAssignmentsAsync(principal, api, operation, cancellationToken).ConfigureAwait(false);
        var redirectUris = RedirectUrisOf(application, "web").Concat(RedirectUrisOf(application, "publicClient")).ToArray();
        return client with
        {
            Metadata = client.Metadata with
            {
                ClientName = ClientJson.String(application, "displayName") ?? client.Metadata.ClientName,
                RedirectUris = redirectUris,
                Scopes = [.. assignments.Select(a => a.Scope).Distinct(StringComparer.Ordinal)],
            },
        };
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
        const IdentityProviderOperation operation = IdentityProviderOperation.Update;
        var graph = await ConnectAsync(provider, operation, cancellationToken).ConfigureAwait(false);
        var api = await graph.ReadApiRolesAsync(operation, cancellationToken).ConfigureAwait(false);
        var roles = api.RoleIdsOf(request.Metadata.Scopes, operation);

        // PATCH sets the properties it names and nothing else: sending the same document twice is harmless
        await graph.SendAsync(
            HttpMethod.Patch, EntraGraphApi.ApplicationPath(client.ClientId), ApplicationDocument(request, graph.ApiApplicationId, roles), operation,
            mayHaveActed: false, cancellationToken).ConfigureAwait(false);
        var principal = await graph.ReadServicePrincipalIdAsync(client.ClientId, operation, cancellationToken).ConfigureAwait(false);
        var granted = await graph.SyncAssignmentsAsync(principal, api, request.Metadata.Scopes, newPrincipal: false, operation, cancellationToken).ConfigureAwait(false);
        RegistrationLog.ClientUpdated(logger, Kind, client.ClientId);
        return client with { Metadata = Metadata(request, granted, PasswordKeyIdOf(client)) };
    }

    public async Task<ClientDeletionOutcome> DeleteAsync(
        IdentityProviderConnection provider, RegisteredClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(client);
        const IdentityProviderOperation operation = IdentityProviderOperation.Delete;
        var graph = await ConnectAsync(provider, operation, cancellationToken).ConfigureAwait(false);
        var outcome = await DeleteApplicationAsync(graph, client.ClientId, cancellationToken).ConfigureAwait(false);
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
        const IdentityProviderOperation operation = IdentityProviderOperation.RotateSecret;
        var graph = await ConnectAsync(provider, operation, cancellationToken).ConfigureAwait(false);
        var password = await graph.AddPasswordAsync(client.ClientId, newApplication: false, operation, cancellationToken).ConfigureAwait(false);
        var rotated = client with
        {
            ClientSecret = password.SecretText,
            ClientSecretExpiresAt = password.EndDateTime,
            Metadata = WithPasswordKeyId(client.Metadata, password.KeyId),
        };
        RegistrationLog.SecretRotated(logger, Kind, client.ClientId, RotationStrategy.AdditionalSecret, rotated.ClientId);
        return new RotationResult(rotated, RotationStrategy.AdditionalSecret, client);
    }

    public async Task<ClientDeletionOutcome> RevokeSecretAsync(
        IdentityProviderConnection provider, RegisteredClient previous, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(previous);
        const IdentityProviderOperation operation = IdentityProviderOperation.Delete;
        if (PasswordKeyIdOf(previous) is not { } keyId)
        {
            return ClientDeletionOutcome.AlreadyGone;
        }

        var graph = await ConnectAsync(provider, operation, cancellationToken).ConfigureAwait(false);
        var path = EntraGraphApi.ApplicationPath(previous.ClientId);
        var current = await graph.SendRawAsync(HttpMethod.Get, path + "?$select=id,passwordCredentials", body: null, operation, mayHaveActed: false, cancellationToken)
            .ConfigureAwait(false);
        if (current.Status == 404 || (current.IsSuccess && !HasPassword(current, keyId)))
        {
            return ClientDeletionOutcome.AlreadyGone;
        }

        if (!current.IsSuccess)
        {
            throw graph.Fail(current, operation, mayHaveActed: false);
        }

        var removed = await graph.SendRawAsync(
            HttpMethod.Post, path + "/removePassword", new JsonObject { ["keyId"] = keyId }, operation, mayHaveActed: false, cancellationToken)
            .ConfigureAwait(false);
        var outcome = removed.Status switch
        {
            >= 200 and < 300 => ClientDeletionOutcome.Deleted,
            404 => ClientDeletionOutcome.AlreadyGone,
            _ => throw graph.Fail(removed, operation, mayHaveActed: false),
        };
        RegistrationLog.ClientDeleted(logger, Kind, previous.ClientId, outcome);
        return outcome;
    }

    public async Task<IReadOnlyList<TaggedClient>> FindClientsOfApplicationAsync(
        IdentityProviderConnection provider, string applicationId, string clientName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentException.ThrowIfNullOrEmpty(applicationId);
        const IdentityProviderOperation operation = IdentityProviderOperation.Read;
        var graph = await ConnectAsync(provider, operation, cancellationToken).ConfigureAwait(false);
        var tag = PortalClientTag.SoftwareId(applicationId);
        var filter = Uri.EscapeDataString($"tags/any(t:t eq '{tag.Replace("'", "''", StringComparison.Ordinal)}')");
        var response = await graph.SendAsync(
            HttpMethod.Get, $"applications?$filter={filter}&$select=id,appId,displayName,tags&$top=100", body: null, operation,
            mayHaveActed: false, cancellationToken).ConfigureAwait(false);
        var found = new List<TaggedClient>();
        for (var page = 1; ; page++)
        {
            if (response.Json is not { ValueKind: JsonValueKind.Object } root
                || !root.TryGetProperty("value", out var items) || items.ValueKind != JsonValueKind.Array)
            {
                throw graph.Invalid(response, operation, "the answer is not a list of applications", mayHaveActed: false);
            }

            foreach (var item in items.EnumerateArray())
            {
                // the filter is the tenant's; the tag is checked here again, exactly
                if (item.ValueKind == JsonValueKind.Object
                    && ClientJson.String(item, "appId") is { Length: > 0 } appId
                    && ClientJson.Strings(item, "tags").Contains(tag, StringComparer.Ordinal))
                {
                    found.Add(new TaggedClient(appId, ClientJson.String(item, "displayName")));
                }
            }

            if (ClientJson.String(root, "@odata.nextLink") is not { } nextLink || !Uri.TryCreate(nextLink, UriKind.Absolute, out var next))
            {
                return found.DistinctBy(client => client.ClientId, StringComparer.Ordinal).ToArray();
            }

            if (page == MaxListPages)
            {
                throw new IdentityProviderException(
                    IdentityProviderErrorKind.Permanent, operation, IdentityProviderMessages.InvalidResponse,
                    $"The search for the applications tagged {tag} has more than {MaxListPages} pages.");
            }

            response = await graph.SendNextPageAsync(next, operation, cancellationToken).ConfigureAwait(false);
        }
    }

    public string ProbeName => "vendorApi";

    /// <summary>
    /// Obtains the Graph token, checks the application permissions in its roles claim, and reads the API's service
    /// principal and app roles.
    /// </summary>
    public async Task<string> ProbeAsync(IdentityProviderConnection provider, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(provider);
        const IdentityProviderOperation operation = IdentityProviderOperation.Read;
        var graph = await ConnectAsync(provider, operation, cancellationToken).ConfigureAwait(false);
        var missing = graph.MissingPermissions();
        if (missing.Count > 0)
        {
            throw new IdentityProviderException(
                IdentityProviderErrorKind.Permanent, operation, IdentityProviderMessages.CredentialsRefused,
                $"The Graph token of the portal's app registration lacks the application permission(s) {string.Join(", ", missing)} (grant them with admin consent).");
        }

        var api = await graph.ReadApiRolesAsync(operation, cancellationToken).ConfigureAwait(false);
        return $"Graph token with the needed permissions; the API {graph.ApiApplicationId} offers {api.Roles.Count} app role(s) for applications"
            + (api.Roles.Count == 0 ? string.Empty : ": " + string.Join(", ", api.Roles.Keys.Order(StringComparer.Ordinal)));
    }

    /// <summary>The keyId of the password credential whose secret <paramref name="client"/> holds, when known.</summary>
    public static string? PasswordKeyIdOf(RegisteredClient client) =>
        client.Metadata.Extensions.TryGetValue(PasswordKeyIdExtension, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static async Task<ClientDeletionOutcome> DeleteApplicationAsync(EntraGraphApi graph, string appId, CancellationToken cancellationToken)
    {
        const IdentityProviderOperation operation = IdentityProviderOperation.Delete;
        var response = await graph.SendRawAsync(
            HttpMethod.Delete, EntraGraphApi.ApplicationPath(appId), body: null, operation, mayHaveActed: false, cancellationToken).ConfigureAwait(false);
        return response.Status switch
        {
            >= 200 and < 300 => ClientDeletionOutcome.Deleted,
            404 => ClientDeletionOutcome.AlreadyGone,
            _ => throw graph.Fail(response, operation, mayHaveActed: false),
        };
    }

    /// <summary>
    /// A registration that failed after its application was created deletes the application again, so that no half-made
    /// client stays behind; the failure keeps its kind (nothing is left, so a lost answer is no longer Uncertain). When
    /// the deletion fails too, the failure is Uncertain and names the client: the tag search finds and deletes it later.
    /// </summary>
    private async Task<IdentityProviderException> AbandonAsync(
        EntraGraphApi graph, string appId, IdentityProviderException failure, CancellationToken cancellationToken)
    {
        try
        {
            await DeleteApplicationAsync(graph, appId, cancellationToken).ConfigureAwait(false);
            RegistrationLog.ClientDeleted(logger, Kind, appId, ClientDeletionOutcome.Deleted);
            return failure.Kind == IdentityProviderErrorKind.Uncertain
                ? failure.Reclassify(IdentityProviderErrorKind.Transient, IdentityProviderMessages.Unavailable,
                    failure.AdminDetail + $"; the application {appId} was deleted again")
                : failure.Reclassify(adminDetail: failure.AdminDetail + $"; the application {appId} was deleted again");
        }
        catch (IdentityProviderException deletion)
        {
            return new IdentityProviderException(
                IdentityProviderErrorKind.Uncertain, IdentityProviderOperation.Register, IdentityProviderMessages.Unconfirmed,
                $"{failure.AdminDetail}; deleting the half-registered application {appId} failed too: {deletion.AdminDetail}",
                failure.HttpStatus, failure.Error, failure.ErrorDescription, failure.ResponseBody, failure.RetryAfter, failure)
            {
                ClientId = appId,
            };
        }
    }

    private static bool HasPassword(IdentityProviderResponse response, string keyId) =>
        response.Json is { ValueKind: JsonValueKind.Object } root
        && root.TryGetProperty("passwordCredentials", out var passwords)
        && passwords.ValueKind == JsonValueKind.Array
        && passwords.EnumerateArray().Any(password =>
            password.ValueKind == JsonValueKind.Object
            && string.Equals(ClientJson.String(password, "keyId"), keyId, StringComparison.OrdinalIgnoreCase));

    private static IEnumerable<string> RedirectUrisOf(JsonElement application, string platform) =>
        application.TryGetProperty(platform, out var settings) && settings.ValueKind == JsonValueKind.Object
            ? ClientJson.Strings(settings, "redirectUris")
            : [];

    /// <summary>
    /// The application: the tagged display name and the tag (tags are filterable), the API's app roles as
    /// requiredResourceAccess (so that consent and the portal's view agree), and the redirect URIs on the web platform
    /// (confidential clients) or the public client platform (token_endpoint_auth_method none).
    /// </summary>
    private static JsonObject ApplicationDocument(ClientRegistrationRequest request, string apiApplicationId, IReadOnlyDictionary<string, string> roles)
    {
        var metadata = request.Metadata;
        var isPublic = metadata.TokenEndpointAuthMethod == "none";
        var resourceAccess = new JsonArray([.. roles.Values.Select(id => (JsonNode)new JsonObject { ["id"] = id, ["type"] = "Role" })]);
        var document = new JsonObject
        {
            ["displayName"] = PortalClientTag.ClientName(request),
            ["tags"] = new JsonArray(PortalClientTag.SoftwareId(request.PortalApplicationId)),
            ["signInAudience"] = "AzureADMyOrg",
            ["requiredResourceAccess"] = new JsonArray(new JsonObject { ["resourceAppId"] = apiApplicationId, ["resourceAccess"] = resourceAccess }),
            ["web"] = new JsonObject { ["redirectUris"] = ClientJson.Array(isPublic ? [] : metadata.RedirectUris) },
            ["publicClient"] = new JsonObject { ["redirectUris"] = ClientJson.Array(isPublic ? metadata.RedirectUris : []) },
            ["isFallbackPublicClient"] = isPublic,
        };
        return document;
    }

    private static ClientMetadata Metadata(ClientRegistrationRequest request, IReadOnlyList<string> scopes, string? passwordKeyId) =>
        WithPasswordKeyId(
            request.Metadata with
            {
                ClientName = PortalClientTag.ClientName(request),
                Scopes = scopes,
                SoftwareId = null,
                Extensions = ClientMetadata.NoExtensions,
            },
            passwordKeyId);

    private static ClientMetadata WithPasswordKeyId(ClientMetadata metadata, string? keyId)
    {
        if (keyId is null)
        {
            return metadata;
        }

        var extensions = metadata.Extensions.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
        extensions[PasswordKeyIdExtension] = JsonSerializer.SerializeToElement(keyId);
        return metadata with { Extensions = extensions.ToFrozenDictionary(StringComparer.Ordinal) };
    }

    private async Task<EntraGraphApi> ConnectAsync(IdentityProviderConnection provider, IdentityProviderOperation operation, CancellationToken cancellationToken)
    {
        if (provider.Credentials is not EntraGraphClient credentials)
        {
            throw new IdentityProviderException(
                IdentityProviderErrorKind.Permanent,
                operation,
                IdentityProviderMessages.CredentialsRefused,
                "The Entra ID driver needs the portal's app registration (client id and secret) and the API's application id.");
        }

        var graphBase = provider.Endpoints.RegistrationEndpoint is { } overridden
            ? new Uri(overridden.AbsoluteUri.TrimEnd('/') + "/")
            : DefaultGraphBase;
        var grant = credentials.TokenGrant();
        var token = await tokens.GetClientCredentialsTokenAsync(
            provider.Http, grant, provider.Endpoints.TokenEndpoint, singleUse: false, cancellationToken).ConfigureAwait(false);
        return new EntraGraphApi(provider, graphBase, credentials, grant, token, tokens, timeProvider, logger);
    }
}
