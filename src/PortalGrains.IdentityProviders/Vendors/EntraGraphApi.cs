using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using PortalGrains.IdentityProviders.Errors;
using PortalGrains.IdentityProviders.Http;
using PortalGrains.IdentityProviders.InitialAccess;
using PortalGrains.IdentityProviders.Registration;

namespace PortalGrains.IdentityProviders.Vendors;

/// <summary>
/// One connection to Microsoft Graph for one Entra ID tenant: the token of the portal's app registration, the
/// scrubber of its secrets, and the calls the Entra driver is made of. Every request goes through the provider's
/// HttpClient (outbound policy, resilience pipeline: 429 and 503 are retried after their Retry-After, bounded by
/// <see cref="IdentityProviderHttpOptions.MaxRetryAfter"/>) and <see cref="IdentityProviderHttp"/>, the one failure boundary.
/// </summary>
internal sealed class EntraGraphApi(
    IdentityProviderConnection provider,
    Uri graphBase,
    EntraGraphClient credentials,
    ClientCredentialsGrant grant,
    string token,
    InitialAccessTokenProvider tokens,
    TimeProvider timeProvider,
    ILogger logger)
{
    /// <summary>
    /// Entra ID replicates a new object across its directory before every call sees it: a service principal, password or
    /// app role assignment for an application created a moment ago can be refused as if the application did not exist
    /// (learn.microsoft.com/graph/known-issues, "replication delays"). Such a refusal is retried after these delays.
    /// </summary>
    private static readonly TimeSpan[] ReplicationDelays = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)];

    private static readonly JsonWebTokenHandler TokenReader = new();

    private readonly SecretScrubber scrubber = new([token, credentials.ClientSecret]);
    private readonly AuthenticationHeaderValue authorization = new("Bearer", token);

    public string ApiApplicationId => credentials.ApiApplicationId;

    public SecretScrubber Scrubber => scrubber;

    /// <summary>
    /// The Graph application permissions the driver needs that the token's roles claim lacks (Application.ReadWrite.OwnedBy,
    /// AppRoleAssignment.ReadWrite.All, Application.Read.All, or broader ones); none when the token is not
    /// a readable JWT (Graph's tokens are; a check that cannot read it leaves the answer to the calls).
    /// </summary>
    public IReadOnlyList<string> MissingPermissions()
    {
        if (!TokenReader.CanReadToken(token) || TokenReader.ReadJsonWebToken(token) is not { IsEncrypted: false } jwt)
        {
            return [];
        }

        var roles = jwt.Claims.Where(claim => claim.Type == "roles").Select(claim => claim.Value).ToHashSet(StringComparer.Ordinal);
        var missing = new List<string>();
        if (!roles.Contains("Application.ReadWrite.OwnedBy") && !roles.Contains("Application.ReadWrite.All"))
        {
            missing.Add("Application.ReadWrite.OwnedBy");
        }

        if (!roles.Contains("AppRoleAssignment.ReadWrite.All"))
        {
            missing.Add("AppRoleAssignment.ReadWrite.All");
        }

        // assigning an app role reads the principals involved (learn.microsoft.com/graph/api/serviceprincipal-post-approleassignedto)
        if (!roles.Overlaps(["Application.Read.All", "Application.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"]))
        {
            missing.Add("Application.Read.All");
        }

        return missing;
    }

    public static string ApplicationPath(string appId) => $"applications(appId='{Uri.EscapeDataString(appId)}')";

    public static string ServicePrincipalPath(string appId) => $"servicePrincipals(appId='{Uri.EscapeDataString(appId)}')";

    public async Task<IdentityProviderResponse> SendAsync(
        HttpMethod method, string path, JsonNode? body, IdentityProviderOperation operation, bool mayHaveActed, CancellationToken cancellationToken)
    {
        var response = await SendRawAsync(method, path, body, operation, mayHaveActed, cancellationToken).ConfigureAwait(false);
        return response.IsSuccess ? response : throw Fail(response, operation, mayHaveActed);
    }

    public async Task<IdentityProviderResponse> SendRawAsync(
        HttpMethod method, string path, JsonNode? body, IdentityProviderOperation operation, bool mayHaveActed, CancellationToken cancellationToken) =>
        await SendToAsync(method, new Uri(graphBase, path), body, operation, mayHaveActed, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// A call about an object created a moment ago: a refusal that says the object does not exist yet (404, or 400
    /// naming an invalid or missing object) is retried after <see cref="ReplicationDelays"/>; it did not act, so a
    /// retry cannot act twice.
    /// </summary>
    public async Task<IdentityProviderResponse> SendAboutNewObjectAsync(
        HttpMethod method, string path, JsonNode? body, IdentityProviderOperation operation, bool mayHaveActed, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var response = await SendRawAsync(method, path, body, operation, mayHaveActed, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccess)
            {
                return response;
            }

            if (attempt == ReplicationDelays.Length || !IsReplicationLag(response))
            {
                throw Fail(response, operation, mayHaveActed);
            }

            await Task.Delay(ReplicationDelays[attempt], timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    public IdentityProviderException Fail(IdentityProviderResponse response, IdentityProviderOperation operation, bool mayHaveActed)
    {
        var error = IdentityProviderHttp.Failure(response, operation, mayHaveActed, scrubber);
        if (response.Status == 401)
        {
            tokens.Invalidate(grant, provider.Endpoints.TokenEndpoint);
            error = error.Reclassify(
                developerMessage: IdentityProviderMessages.CredentialsRefused,
                adminDetail: $"Microsoft Graph refused the token of the portal's app registration {credentials.ClientId}: {error.AdminDetail}");
        }
        else if (response.Status == 403)
        {
            error = error.Reclassify(
                developerMessage: IdentityProviderMessages.CredentialsRefused,
                adminDetail: $"The portal's app registration {credentials.ClientId} lacks a Microsoft Graph permission; it needs the application "
                    + "permissions Application.ReadWrite.OwnedBy, AppRoleAssignment.ReadWrite.All and Application.Read.All with admin consent. "
                    + error.AdminDetail);
        }

        RegistrationLog.CallFailed(logger, IdentityProviderKind.Entra, operation, error.Kind, error.HttpStatus, error.Error);
        return error;
    }

    public IdentityProviderException Invalid(IdentityProviderResponse response, IdentityProviderOperation operation, string reason, bool mayHaveActed) =>
        IdentityProviderHttp.InvalidResponse(response, operation, reason, mayHaveActed, scrubber);

    /// <summary>
    /// The API's service principal and its app roles open to applications (allowedMemberTypes "Application", enabled):
    /// the scopes the portal can grant are their values.
    /// </summary>
    public async Task<EntraApiRoles> ReadApiRolesAsync(IdentityProviderOperation operation, CancellationToken cancellationToken)
    {
        var response = await SendRawAsync(
            HttpMethod.Get, ServicePrincipalPath(ApiApplicationId) + "?$select=id,appId,appRoles", body: null, operation, mayHaveActed: false,
            cancellationToken).ConfigureAwait(false);
        if (response.Status == 404)
        {
            throw new IdentityProviderException(
                IdentityProviderErrorKind.Permanent, operation, IdentityProviderMessages.NotConfiguredCorrectly,
                $"The tenant has no service principal for the API's app registration {ApiApplicationId} (apiApplicationId): "
                + "check the application id, and that the API's app registration has an enterprise application in this tenant.",
                response.Status);
        }

        if (!response.IsSuccess)
        {
            throw Fail(response, operation, mayHaveActed: false);
        }

        if (response.Json is not { ValueKind: JsonValueKind.Object } root || ClientJson.String(root, "id") is not { Length: > 0 } id)
        {
            throw Invalid(response, operation, "the answer is not a service principal with an id", mayHaveActed: false);
        }

        var roles = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.TryGetProperty("appRoles", out var appRoles) && appRoles.ValueKind == JsonValueKind.Array)
        {
            foreach (var role in appRoles.EnumerateArray())
            {
                if (role.ValueKind == JsonValueKind.Object
                    && ClientJson.String(role, "id") is { Length: > 0 } roleId
                    && ClientJson.String(role, "value") is { Length: > 0 } value
                    && !(role.TryGetProperty("isEnabled", out var enabled) && enabled.ValueKind == JsonValueKind.False)
                    && ClientJson.Strings(role, "allowedMemberTypes").Contains("Application", StringComparer.Ordinal))
                {
                    roles[value] = roleId;
                }
            }
        }

        return new EntraApiRoles(id, roles);
    }

    /// <summary>The object id of the service principal of the application <paramref name="appId"/>.</summary>
    public async Task<string> ReadServicePrincipalIdAsync(string appId, IdentityProviderOperation operation, CancellationToken cancellationToken)
    {
        var response = await SendAsync(
            HttpMethod.Get, ServicePrincipalPath(appId) + "?$select=id,appId", body: null, operation, mayHaveActed: false, cancellationToken)
            .ConfigureAwait(false);
        return response.Json is { ValueKind: JsonValueKind.Object } root && ClientJson.String(root, "id") is { Length: > 0 } id
            ? id
            : throw Invalid(response, operation, "the answer is not a service principal with an id", mayHaveActed: false);
    }

    /// <summary>Adds a password credential to the application; its secretText is the client secret.</summary>
    /// <param name="newApplication">The application was created a moment ago (see <see cref="SendAboutNewObjectAsync"/>).</param>
    public async Task<EntraPassword> AddPasswordAsync(string appId, bool newApplication, IdentityProviderOperation operation, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["passwordCredential"] = new JsonObject { ["displayName"] = $"portal {timeProvider.GetUtcNow():yyyy-MM-dd'T'HH:mm:ss'Z'}" },
        };
        // not idempotent: each call adds a password, so a lost answer is Uncertain
        var path = ApplicationPath(appId) + "/addPassword";
        var response = newApplication
            ? await SendAboutNewObjectAsync(HttpMethod.Post, path, body, operation, mayHaveActed: true, cancellationToken).ConfigureAwait(false)
            : await SendAsync(HttpMethod.Post, path, body, operation, mayHaveActed: true, cancellationToken).ConfigureAwait(false);
        if (response.Json is not { ValueKind: JsonValueKind.Object } root
            || ClientJson.String(root, "keyId") is not { Length: > 0 } keyId
            || ClientJson.String(root, "secretText") is not { Length: > 0 } secret)
        {
            throw Invalid(response, operation, "the answer is not a password credential with a keyId and a secretText", mayHaveActed: true);
        }

        DateTimeOffset? expiresAt = ClientJson.String(root, "endDateTime") is { } end
            && DateTimeOffset.TryParse(end, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed
            : null;
        return new EntraPassword(keyId, secret, expiresAt);
    }

    /// <summary>
    /// Makes the app role assignments of the client's service principal on the API hold exactly the roles of
    /// <paramref name="scopes"/>: missing ones are assigned, others removed. Returns the scopes held afterwards.
    /// </summary>
    /// <param name="newPrincipal">The service principal was created a moment ago: it has no assignments yet, and assigning is
    /// retried while the directory does not see it (<see cref="SendAboutNewObjectAsync"/>).</param>
    public async Task<IReadOnlyList<string>> SyncAssignmentsAsync(
        string clientServicePrincipalId,
        EntraApiRoles api,
        IReadOnlyList<string> scopes,
        bool newPrincipal,
        IdentityProviderOperation operation,
        CancellationToken cancellationToken)
    {
        var existing = newPrincipal ? [] : await ReadAssignmentsAsync(clientServicePrincipalId, api, operation, cancellationToken).ConfigureAwait(false);
        var wanted = api.RoleIdsOf(scopes, operation);
        foreach (var assignment in existing.Where(a => !wanted.ContainsKey(a.Scope)))
        {
            var removed = await SendRawAsync(
                HttpMethod.Delete, $"servicePrincipals/{Uri.EscapeDataString(api.ServicePrincipalId)}/appRoleAssignedTo/{Uri.EscapeDataString(assignment.Id)}",
                body: null, operation, mayHaveActed: false, cancellationToken).ConfigureAwait(false);
            if (!removed.IsSuccess && removed.Status != 404)
            {
                throw Fail(removed, operation, mayHaveActed: false);
            }
        }

        var held = existing.Where(a => wanted.ContainsKey(a.Scope)).Select(a => a.Scope).ToHashSet(StringComparer.Ordinal);
        foreach (var (scope, roleId) in wanted.Where(w => !held.Contains(w.Key)))
        {
            var body = new JsonObject { ["principalId"] = clientServicePrincipalId, ["resourceId"] = api.ServicePrincipalId, ["appRoleId"] = roleId };
            var path = $"servicePrincipals/{Uri.EscapeDataString(api.ServicePrincipalId)}/appRoleAssignedTo";
            if (newPrincipal)
            {
                await SendAboutNewObjectAsync(HttpMethod.Post, path, body, operation, mayHaveActed: false, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var added = await SendRawAsync(HttpMethod.Post, path, body, operation, mayHaveActed: false, cancellationToken).ConfigureAwait(false);
                // Entra refuses a second identical assignment: a repeated request finds the role held
                if (!added.IsSuccess && !IsAlreadyAssigned(added))
                {
                    throw Fail(added, operation, mayHaveActed: false);
                }
            }

            held.Add(scope);
        }

        return [.. scopes.Where(held.Contains).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The app roles of the API the client's service principal holds, by scope.</summary>
    public async Task<IReadOnlyList<EntraAssignment>> ReadAssignmentsAsync(
        string clientServicePrincipalId, EntraApiRoles api, IdentityProviderOperation operation, CancellationToken cancellationToken)
    {
        var response = await SendAsync(
            HttpMethod.Get, $"servicePrincipals/{Uri.EscapeDataString(clientServicePrincipalId)}/appRoleAssignments", body: null, operation,
            mayHaveActed: false, cancellationToken).ConfigureAwait(false);
        if (response.Json is not { ValueKind: JsonValueKind.Object } root
            || !root.TryGetProperty("value", out var items) || items.ValueKind != JsonValueKind.Array)
        {
            throw Invalid(response, operation, "the answer is not a list of app role assignments", mayHaveActed: false);
        }

        var scopeOf = api.Roles.ToDictionary(pair => pair.Value, pair => pair.Key, StringComparer.OrdinalIgnoreCase);
        var assignments = new List<EntraAssignment>();
        foreach (var item in items.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object
                && ClientJson.String(item, "id") is { Length: > 0 } id
                && string.Equals(ClientJson.String(item, "resourceId"), api.ServicePrincipalId, StringComparison.OrdinalIgnoreCase)
                && ClientJson.String(item, "appRoleId") is { } roleId
                && scopeOf.TryGetValue(roleId, out var scope))
            {
                assignments.Add(new EntraAssignment(id, scope));
            }
        }

        return assignments;
    }

    /// <summary>
    /// Follows an @odata.nextLink: only under the Graph base URL, since the request carries the portal's token.
    /// </summary>
    public async Task<IdentityProviderResponse> SendNextPageAsync(Uri next, IdentityProviderOperation operation, CancellationToken cancellationToken)
    {
        if (!next.AbsoluteUri.StartsWith(graphBase.AbsoluteUri, StringComparison.OrdinalIgnoreCase))
        {
            throw new IdentityProviderException(
                IdentityProviderErrorKind.Permanent, operation, IdentityProviderMessages.InvalidResponse,
                $"Microsoft Graph linked the next page to {next.GetLeftPart(UriPartial.Path)}, outside {graphBase.AbsoluteUri}: the portal's token is not sent there.");
        }

        var response = await SendToAsync(HttpMethod.Get, next, body: null, operation, mayHaveActed: false, cancellationToken).ConfigureAwait(false);
        return response.IsSuccess ? response : throw Fail(response, operation, mayHaveActed: false);
    }

    private async Task<IdentityProviderResponse> SendToAsync(
        HttpMethod method, Uri uri, JsonNode? body, IdentityProviderOperation operation, bool mayHaveActed, CancellationToken cancellationToken)
    {
        try
        {
            return await IdentityProviderHttp.SendAsync(
                    provider.Http, method, uri, authorization, body, operation, mayHaveActed, scrubber, timeProvider, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (IdentityProviderException exception)
        {
            RegistrationLog.CallFailed(logger, IdentityProviderKind.Entra, operation, exception.Kind, exception.HttpStatus, exception.Error);
            throw;
        }
    }

    private static bool IsReplicationLag(IdentityProviderResponse response) =>
        response.Status == 404
        || (response.Status == 400
            && (response.Body.Contains("does not reference a valid application object", StringComparison.OrdinalIgnoreCase)
                || response.Body.Contains("does not exist", StringComparison.OrdinalIgnoreCase)));

    private static bool IsAlreadyAssigned(IdentityProviderResponse response) =>
        response.Status == 409
        || (response.Status == 400 && response.Body.Contains("already exists", StringComparison.OrdinalIgnoreCase));
}
