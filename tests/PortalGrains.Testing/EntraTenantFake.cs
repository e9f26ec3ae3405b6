using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PortalGrains.Testing;

/// <summary>
/// A Microsoft Entra ID tenant on a loopback port, speaking the wire formats the portal uses (Entra cannot run here):
/// the v2.0 discovery document (the issuer names the tenant id, the well-known URL may name it by domain), the JWKS,
/// the token endpoint (client_credentials for the portal's app registration, for Graph, and for the applications it
/// registers, whose v2.0 access tokens carry their app roles in <c>roles</c>), and the part of Microsoft Graph v1.0 the
/// portal calls, keeping state: applications with their password credentials, service principals and app role
/// assignments. Graph answers 401 to any token it did not issue, and <see cref="ThrottleNextGraphRequests"/> makes it
/// answer 429 with Retry-After.
/// </summary>
public sealed partial class EntraTenantFake : IAsyncDisposable
{
    public const string Domain = "contoso.onmicrosoft.com";
    public const string PortalClientId = "5f0c3b7e-0a52-4c1e-9d59-7b1d2c3e4f50";
    public const string PortalClientSecret = "portal-graph-secret-7Q~x";
    public const string GraphScope = "https://graph.microsoft.com/.default";

    private readonly LoopbackHttpServer _server;
    private readonly Lock _gate = new();
    private readonly RSA _signingKey = RSA.Create(2048);
    private readonly string _keyId = Guid.NewGuid().ToString("N")[..16];
    private readonly HashSet<string> _graphTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject> _applications = new(StringComparer.OrdinalIgnoreCase); // by appId
    private readonly Dictionary<string, List<Password>> _passwords = new(StringComparer.OrdinalIgnoreCase); // by appId
    private readonly Dictionary<string, JsonObject> _servicePrincipals = new(StringComparer.OrdinalIgnoreCase); // by object id
    private readonly List<JsonObject> _assignments = [];
    private readonly List<string> _requests = [];
    private int _throttled;

    private EntraTenantFake(IReadOnlyList<string> apiRoles)
    {
        _server = LoopbackHttpServer.Start(HandleAsync);
        ApiServicePrincipalId = Guid.NewGuid().ToString();
        var roles = new JsonArray([.. apiRoles.Select(value => (JsonNode)new JsonObject
        {
            ["id"] = Guid.NewGuid().ToString(),
            ["value"] = value,
            ["displayName"] = value,
            ["isEnabled"] = true,
            ["allowedMemberTypes"] = new JsonArray("Application"),
        })]);
        _servicePrincipals[ApiServicePrincipalId] = new JsonObject { ["id"] = ApiServicePrincipalId, ["appId"] = ApiApplicationId, ["appRoles"] = roles };
    }

    public string TenantId { get; } = Guid.NewGuid().ToString();

    /// <summary>The application id of the API's app registration, whose app roles are <c>apiRoles</c>.</summary>
    public string ApiApplicationId { get; } = Guid.NewGuid().ToString();

    public string ApiServicePrincipalId { get; }

    public string BaseUrl => _server.BaseUrl;

    /// <summary>The discovery URL naming the tenant by its domain, as admins often copy it.</summary>
    public string WellKnownUrl => $"{BaseUrl}/{Domain}/v2.0/.well-known/openid-configuration";

    public string Issuer => $"{BaseUrl}/{TenantId}/v2.0";

    public string TokenEndpoint => $"{BaseUrl}/{TenantId}/oauth2/v2.0/token";

    /// <summary>The Graph base URL the portal's registrationEndpoint points at.</summary>
    public string GraphBaseUrl => BaseUrl + "/v1.0";

    /// <summary>Every request, as "METHOD /path?query", in the order they arrived.</summary>
    public IReadOnlyList<string> Requests
    {
        get { lock (_gate) { return [.. _requests]; } }
    }

    /// <summary>The appIds of the applications the tenant holds (the API's app registration is not among them).</summary>
    public IReadOnlyList<string> ApplicationIds
    {
        get { lock (_gate) { return [.. _applications.Keys]; } }
    }

    public static EntraTenantFake Start(params string[] apiRoles) => new(apiRoles);

    /// <summary>The next <paramref name="count"/> Graph requests are answered 429 with Retry-After: <paramref name="retryAfterSeconds"/>.</summary>
    public void ThrottleNextGraphRequests(int count, int retryAfterSeconds = 1)
    {
        RetryAfterSeconds = retryAfterSeconds;
        Interlocked.Exchange(ref _throttled, count);
    }

    public int RetryAfterSeconds { get; private set; } = 1;

    public JsonObject? Application(string appId)
    {
        lock (_gate) { return _applications.TryGetValue(appId, out var application) ? (JsonObject)application.DeepClone() : null; }
    }

    /// <summary>The keyIds of the application's password credentials.</summary>
    public IReadOnlyList<string> PasswordKeyIds(string appId)
    {
        lock (_gate) { return _passwords.TryGetValue(appId, out var passwords) ? [.. passwords.Select(p => p.KeyId)] : []; }
    }

    /// <summary>The app role values of the API the application's service principal is assigned.</summary>
    public IReadOnlyList<string> AssignedRoles(string appId)
    {
        lock (_gate) { return RolesOfLocked(appId); }
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _signingKey.Dispose();
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var path = request.Url!.AbsolutePath;
        var query = Uri.UnescapeDataString(request.Url.Query);
        lock (_gate)
        {
            _requests.Add($"{request.HttpMethod} {path}{query}");
        }

        using var reader = new StreamReader(request.InputStream, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        try
        {
            var (status, answer, headers) = Route(request, path, query, body);
            await AnswerAsync(context, status, answer, headers);
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or IOException)
        {
            // the portal went away mid-answer
        }
    }

    private (int Status, JsonNode? Body, Dictionary<string, string>? Headers) Route(HttpListenerRequest request, string path, string query, string body)
    {
        if (path == $"/{Domain}/v2.0/.well-known/openid-configuration" || path == $"/{TenantId}/v2.0/.well-known/openid-configuration")
        {
            return (200, Discovery(), null);
        }

        if (path == $"/{TenantId}/discovery/v2.0/keys")
        {
            return (200, Jwks(), null);
        }

        if (path == $"/{TenantId}/oauth2/v2.0/token" && request.HttpMethod == "POST")
        {
            return Token(request, body);
        }

        if (!path.StartsWith("/v1.0/", StringComparison.Ordinal))
        {
            return (404, null, null);
        }

        if (Interlocked.Decrement(ref _throttled) >= 0)
        {
            return (429, GraphError("TooManyRequests", "Too many requests"), new() { ["Retry-After"] = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }

        Interlocked.Exchange(ref _throttled, 0);
        var bearer = request.Headers["Authorization"] is { } header && header.StartsWith("Bearer ", StringComparison.Ordinal) ? header[7..] : null;
        lock (_gate)
        {
            if (bearer is null || !_graphTokens.Contains(bearer))
            {
                return (401, GraphError("InvalidAuthenticationToken", "Access token validation failure."), null);
            }

            return Graph(request.HttpMethod, path["/v1.0/".Length..], query, body);
        }
    }

    private JsonObject Discovery() => new()
    {
        ["token_endpoint"] = TokenEndpoint,
        ["token_endpoint_auth_methods_supported"] = new JsonArray("client_secret_post", "private_key_jwt", "client_secret_basic"),
        ["jwks_uri"] = $"{BaseUrl}/{TenantId}/discovery/v2.0/keys",
        ["response_modes_supported"] = new JsonArray("query", "fragment", "form_post"),
        ["subject_types_supported"] = new JsonArray("pairwise"),
        ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        ["response_types_supported"] = new JsonArray("code", "id_token", "code id_token", "id_token token"),
        ["scopes_supported"] = new JsonArray("openid", "profile", "email", "offline_access"),
        ["issuer"] = Issuer,
        ["request_uri_parameter_supported"] = false,
        ["userinfo_endpoint"] = "https://graph.microsoft.com/oidc/userinfo",
        ["authorization_endpoint"] = $"{BaseUrl}/{TenantId}/oauth2/v2.0/authorize",
        ["device_authorization_endpoint"] = $"{BaseUrl}/{TenantId}/oauth2/v2.0/devicecode",
        ["end_session_endpoint"] = $"{BaseUrl}/{TenantId}/oauth2/v2.0/logout",
        ["tenant_region_scope"] = "EU",
        ["cloud_instance_name"] = "microsoftonline.com",
    };

    private JsonObject Jwks()
    {
        var parameters = _signingKey.ExportParameters(includePrivateParameters: false);
        return new JsonObject
        {
            ["keys"] = new JsonArray(new JsonObject
            {
                ["kty"] = "RSA",
                ["use"] = "sig",
                ["kid"] = _keyId,
                ["n"] = Base64Url(parameters.Modulus!),
                ["e"] = Base64Url(parameters.Exponent!),
            }),
        };
    }

    private (int, JsonNode?, Dictionary<string, string>?) Token(HttpListenerRequest request, string body)
    {
        var form = body.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => Uri.UnescapeDataString(pair[0].Replace('+', ' ')), pair => pair.Length > 1 ? Uri.UnescapeDataString(pair[1].Replace('+', ' ')) : "");
        if (request.Headers["Authorization"] is { } basic && basic.StartsWith("Basic ", StringComparison.Ordinal))
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(basic[6..])).Split(':', 2);
            form["client_id"] = Uri.UnescapeDataString(pair[0]);
            form["client_secret"] = Uri.UnescapeDataString(pair[1]);
        }

        var clientId = form.GetValueOrDefault("client_id") ?? "";
        var secret = form.GetValueOrDefault("client_secret") ?? "";
        var scope = form.GetValueOrDefault("scope") ?? "";
        if (form.GetValueOrDefault("grant_type") != "client_credentials")
        {
            return (400, new JsonObject { ["error"] = "unsupported_grant_type" }, null);
        }

        var now = DateTimeOffset.UtcNow;
        if (clientId == PortalClientId && secret == PortalClientSecret)
        {
            if (scope != GraphScope)
            {
                return (400, new JsonObject { ["error"] = "invalid_scope", ["error_description"] = "AADSTS70011: The provided value for scope is not valid." }, null);
            }

            var graphToken = Sign(new JsonObject
            {
                ["aud"] = "https://graph.microsoft.com",
                ["iss"] = $"https://sts.windows.net/{TenantId}/",
                ["appid"] = PortalClientId,
                ["roles"] = new JsonArray("Application.ReadWrite.OwnedBy", "AppRoleAssignment.ReadWrite.All", "Application.Read.All"),
                ["tid"] = TenantId,
                ["exp"] = (now + TimeSpan.FromHours(1)).ToUnixTimeSeconds(),
            });
            lock (_gate)
            {
                _graphTokens.Add(graphToken);
            }

            return (200, new JsonObject { ["token_type"] = "Bearer", ["expires_in"] = 3599, ["access_token"] = graphToken }, null);
        }

        lock (_gate)
        {
            var valid = _passwords.TryGetValue(clientId, out var passwords)
                && passwords.Any(p => CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(p.Secret), Encoding.UTF8.GetBytes(secret)) && p.EndDateTime > now);
            if (!valid)
            {
                return (401, new JsonObject { ["error"] = "invalid_client", ["error_description"] = "AADSTS7000215: Invalid client secret provided." }, null);
            }

            if (scope != $"api://{ApiApplicationId}/.default" && scope != $"{ApiApplicationId}/.default")
            {
                return (400, new JsonObject { ["error"] = "invalid_scope", ["error_description"] = "AADSTS1002012: The provided value for scope is not valid." }, null);
            }

            var token = Sign(new JsonObject
            {
                ["aud"] = ApiApplicationId,
                ["iss"] = Issuer,
                ["iat"] = now.ToUnixTimeSeconds(),
                ["nbf"] = now.ToUnixTimeSeconds(),
                ["exp"] = (now + TimeSpan.FromHours(1)).ToUnixTimeSeconds(),
                ["azp"] = clientId,
                ["azpacr"] = "1",
                ["roles"] = new JsonArray([.. RolesOfLocked(clientId).Select(role => (JsonNode)JsonValue.Create(role))]),
                ["sub"] = ServicePrincipalOfLocked(clientId)?["id"]?.GetValue<string>() ?? clientId,
                ["tid"] = TenantId,
                ["ver"] = "2.0",
            });
            return (200, new JsonObject { ["token_type"] = "Bearer", ["expires_in"] = 3599, ["access_token"] = token }, null);
        }
    }

    private (int, JsonNode?, Dictionary<string, string>?) Graph(string method, string path, string query, string body)
    {
        var json = string.IsNullOrEmpty(body) ? null : JsonNode.Parse(body)!.AsObject();
        if (ByAppId().Match(path) is { Success: true } addressed)
        {
            var (collection, appId, action) = (addressed.Groups["collection"].Value, addressed.Groups["appId"].Value, addressed.Groups["action"].Value);
            return collection == "applications" ? ApplicationCall(method, appId, action, json) : ServicePrincipalByAppId(method, appId);
        }

        switch (method, path)
        {
            case ("POST", "applications"):
                return CreateApplication(json!);
            case ("GET", "applications"):
                return ListApplications(query);
            case ("POST", "servicePrincipals"):
                return CreateServicePrincipal(json!);
        }

        if (Assignments().Match(path) is { Success: true } assignments)
        {
            return AssignmentCall(method, assignments.Groups["sp"].Value, assignments.Groups["relation"].Value, assignments.Groups["id"].Value, json);
        }

        return (400, GraphError("Request_BadRequest", $"Unsupported request {method} {path}"), null);
    }

    private (int, JsonNode?, Dictionary<string, string>?) CreateApplication(JsonObject document)
    {
        var appId = Guid.NewGuid().ToString();
        var application = (JsonObject)document.DeepClone();
        application["id"] = Guid.NewGuid().ToString();
        application["appId"] = appId;
        application["createdDateTime"] = DateTimeOffset.UtcNow.ToString("O");
        application["tags"] ??= new JsonArray();
        _applications[appId] = application;
        _passwords[appId] = [];
        return (201, WithPasswords(application), null);
    }

    private (int, JsonNode?, Dictionary<string, string>?) ListApplications(string query)
    {
        var tag = TagFilter().Match(query) is { Success: true } filter ? filter.Groups["tag"].Value.Replace("''", "'", StringComparison.Ordinal) : null;
        if (tag is null)
        {
            return (400, GraphError("Request_UnsupportedQuery", "Unsupported query."), null);
        }

        var found = _applications.Values.Where(a => a["tags"]!.AsArray().Any(t => t!.GetValue<string>() == tag));
        return (200, new JsonObject { ["value"] = new JsonArray([.. found.Select(a => (JsonNode)WithPasswords(a))]) }, null);
    }

    private (int, JsonNode?, Dictionary<string, string>?) ApplicationCall(string method, string appId, string action, JsonObject? json)
    {
        if (!_applications.TryGetValue(appId, out var application))
        {
            return (404, GraphError("Request_ResourceNotFound", $"Resource '{appId}' does not exist or one of its queried reference-property objects are not present."), null);
        }

        switch (method, action)
        {
            case ("GET", ""):
                return (200, WithPasswords(application), null);
            case ("PATCH", ""):
                foreach (var (name, value) in json!)
                {
                    application[name] = value?.DeepClone();
                }

                return (204, null, null);
            case ("DELETE", ""):
                _applications.Remove(appId);
                _passwords.Remove(appId);
                if (ServicePrincipalOfLocked(appId) is { } principal)
                {
                    var principalId = principal["id"]!.GetValue<string>();
                    _servicePrincipals.Remove(principalId);
                    _assignments.RemoveAll(a => a["principalId"]!.GetValue<string>() == principalId);
                }

                return (204, null, null);
            case ("POST", "/addPassword"):
                var password = new Password(Guid.NewGuid().ToString(), "sEc~" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)), DateTimeOffset.UtcNow.AddYears(2));
                _passwords[appId].Add(password);
                return (200, new JsonObject
                {
                    ["customKeyIdentifier"] = null,
                    ["displayName"] = json?["passwordCredential"]?["displayName"]?.DeepClone(),
                    ["endDateTime"] = password.EndDateTime.ToString("O"),
                    ["hint"] = password.Secret[..3],
                    ["keyId"] = password.KeyId,
                    ["secretText"] = password.Secret,
                    ["startDateTime"] = DateTimeOffset.UtcNow.ToString("O"),
                }, null);
            case ("POST", "/removePassword"):
                var keyId = json?["keyId"]?.GetValue<string>();
                return _passwords[appId].RemoveAll(p => p.KeyId == keyId) > 0
                    ? (204, null, null)
                    : (400, GraphError("Request_BadRequest", $"No password credential found with keyId {keyId}."), null);
            default:
                return (405, GraphError("Request_BadRequest", "Unsupported method."), null);
        }
    }

    private (int, JsonNode?, Dictionary<string, string>?) CreateServicePrincipal(JsonObject document)
    {
        var appId = document["appId"]?.GetValue<string>() ?? "";
        if (!_applications.ContainsKey(appId))
        {
            return (400, GraphError("Request_BadRequest", "The appId of the service principal does not reference a valid application object."), null);
        }

        if (ServicePrincipalOfLocked(appId) is not null)
        {
            return (409, GraphError("Request_MultipleObjectsWithSameKeyValue", "The service principal already exists."), null);
        }

        var principal = new JsonObject { ["id"] = Guid.NewGuid().ToString(), ["appId"] = appId, ["appRoles"] = new JsonArray() };
        _servicePrincipals[principal["id"]!.GetValue<string>()] = principal;
        return (201, principal.DeepClone(), null);
    }

    private (int, JsonNode?, Dictionary<string, string>?) ServicePrincipalByAppId(string method, string appId) =>
        method == "GET" && ServicePrincipalOfLocked(appId) is { } principal
            ? (200, principal.DeepClone(), null)
            : (404, GraphError("Request_ResourceNotFound", $"Resource '{appId}' does not exist."), null);

    private (int, JsonNode?, Dictionary<string, string>?) AssignmentCall(string method, string principalId, string relation, string assignmentId, JsonObject? json)
    {
        if (!_servicePrincipals.ContainsKey(principalId))
        {
            return (404, GraphError("Request_ResourceNotFound", $"Resource '{principalId}' does not exist."), null);
        }

        var field = relation == "appRoleAssignments" ? "principalId" : "resourceId";
        switch (method)
        {
            case "GET" when assignmentId.Length == 0:
                return (200, new JsonObject { ["value"] = new JsonArray([.. _assignments.Where(a => a[field]!.GetValue<string>() == principalId).Select(a => a.DeepClone())]) }, null);
            case "POST" when assignmentId.Length == 0:
                var (principal, resource, role) = (json!["principalId"]!.GetValue<string>(), json["resourceId"]!.GetValue<string>(), json["appRoleId"]!.GetValue<string>());
                if (!_servicePrincipals.ContainsKey(principal) || !_servicePrincipals.TryGetValue(resource, out var api)
                    || !api["appRoles"]!.AsArray().Any(r => r!["id"]!.GetValue<string>() == role))
                {
                    return (400, GraphError("Request_BadRequest", "Permission entry does not exist on the resource."), null);
                }

                if (_assignments.Any(a => a["principalId"]!.GetValue<string>() == principal && a["resourceId"]!.GetValue<string>() == resource && a["appRoleId"]!.GetValue<string>() == role))
                {
                    return (400, GraphError("Request_BadRequest", "Permission being assigned already exists on the object"), null);
                }

                var assignment = new JsonObject { ["id"] = Guid.NewGuid().ToString("N"), ["principalId"] = principal, ["resourceId"] = resource, ["appRoleId"] = role, ["principalType"] = "ServicePrincipal" };
                _assignments.Add(assignment);
                return (201, assignment.DeepClone(), null);
            case "DELETE" when assignmentId.Length > 0:
                return _assignments.RemoveAll(a => a["id"]!.GetValue<string>() == assignmentId && a[field]!.GetValue<string>() == principalId) > 0
                    ? (204, null, null)
                    : (404, GraphError("Request_ResourceNotFound", $"Resource '{assignmentId}' does not exist."), null);
            default:
                return (405, GraphError("Request_BadRequest", "Unsupported method."), null);
        }
    }

    private JsonObject? ServicePrincipalOfLocked(string appId) =>
        _servicePrincipals.Values.FirstOrDefault(p => string.Equals(p["appId"]!.GetValue<string>(), appId, StringComparison.OrdinalIgnoreCase));

    private List<string> RolesOfLocked(string appId)
    {
        if (ServicePrincipalOfLocked(appId) is not { } principal)
        {
            return [];
        }

        var roles = _servicePrincipals[ApiServicePrincipalId]["appRoles"]!.AsArray()
            .ToDictionary(r => r!["id"]!.GetValue<string>(), r => r!["value"]!.GetValue<string>());
        return [.. _assignments
            .Where(a => a["principalId"]!.GetValue<string>() == principal["id"]!.GetValue<string>() && a["resourceId"]!.GetValue<string>() == ApiServicePrincipalId)
            .Select(a => roles[a["appRoleId"]!.GetValue<string>()])];
    }

    private JsonObject WithPasswords(JsonObject application)
    {
        var copy = (JsonObject)application.DeepClone();
        var appId = application["appId"]!.GetValue<string>();
        copy["passwordCredentials"] = new JsonArray([.. _passwords.GetValueOrDefault(appId, []).Select(p => (JsonNode)new JsonObject
        {
            ["keyId"] = p.KeyId,
            ["hint"] = p.Secret[..3],
            ["endDateTime"] = p.EndDateTime.ToString("O"),
            ["secretText"] = null,
        })]);
        return copy;
    }

    private string Sign(JsonObject payload)
    {
        var header = Base64Url(Encoding.UTF8.GetBytes(new JsonObject { ["typ"] = "JWT", ["alg"] = "RS256", ["kid"] = _keyId }.ToJsonString()));
        var content = header + "." + Base64Url(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        var signature = _signingKey.SignData(Encoding.ASCII.GetBytes(content), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return content + "." + Base64Url(signature);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static JsonObject GraphError(string code, string message) => new()
    {
        ["error"] = new JsonObject
        {
            ["code"] = code,
            ["message"] = message,
            ["innerError"] = new JsonObject { ["date"] = DateTimeOffset.UtcNow.ToString("s"), ["request-id"] = Guid.NewGuid().ToString() },
        },
    };

    private static async Task AnswerAsync(HttpListenerContext context, int status, JsonNode? body, Dictionary<string, string>? headers)
    {
        context.Response.StatusCode = status;
        foreach (var (name, value) in headers ?? [])
        {
            context.Response.Headers[name] = value;
        }

        if (body is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
        }

        context.Response.Close();
    }

    [GeneratedRegex(@"^(?<collection>applications|servicePrincipals)\(appId='(?<appId>[^']+)'\)(?<action>/addPassword|/removePassword)?$")]
    private static partial Regex ByAppId();

    [GeneratedRegex(@"^servicePrincipals/(?<sp>[^/]+)/(?<relation>appRoleAssignments|appRoleAssignedTo)(/(?<id>[^/]+))?$")]
    private static partial Regex Assignments();

    [GeneratedRegex(@"\$filter=tags/any\(t:t eq '(?<tag>(?:[^']|'')+)'\)")]
    private static partial Regex TagFilter();

    private sealed record Password(string KeyId, string Secret, DateTimeOffset EndDateTime);
}
