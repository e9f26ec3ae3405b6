using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace PortalGrains.Testing;

/// <summary>
/// The dev OpenID provider of deploy/dev-idp: the shared one test.sh starts (PG_TEST_IDP_URL), or an own instance
/// on a free port for tests that inject faults or stop it. Mints login tokens, gets client tokens, lists clients.
/// </summary>
public sealed class DevIdentityProvider : IAsyncDisposable
{
    public const string DefaultInitialAccessToken = "dev-initial-access-token";
    private const string LoginClient = "portal-dev-login:portal-dev-login-secret";
    private readonly Process? _process;

    private DevIdentityProvider(Uri issuer, Process? process)
    {
        Issuer = issuer;
        _process = process;
    }

    public static DevIdentityProvider Shared { get; } = new(
        new Uri(Environment.GetEnvironmentVariable("PG_TEST_IDP_URL") ?? "http://127.0.0.1:9010"), null);

    public static string InitialAccessToken { get; } =
        Environment.GetEnvironmentVariable("PG_TEST_IDP_INITIAL_TOKEN") ?? DefaultInitialAccessToken;

    public Uri Issuer { get; }

    public string IssuerText => Issuer.ToString().TrimEnd('/');

    public string WellKnownUrl => IssuerText + "/.well-known/openid-configuration";

    public Uri WellKnownUri => new(WellKnownUrl);

    public Uri RegistrationEndpoint => new(IssuerText + "/reg");

    public Uri TokenEndpoint => new(IssuerText + "/token");

    private static HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>The shared dev IdP, once its discovery answers.</summary>
    public static async Task<DevIdentityProvider> GetSharedAsync()
    {
        await Shared.WaitUntilUpAsync(TimeSpan.FromSeconds(30));
        return Shared;
    }

    /// <summary>Starts an own instance of the dev IdP on a free port and waits until its discovery answers.</summary>
    public static async Task<DevIdentityProvider> StartOwnAsync(IDictionary<string, string>? environment = null)
    {
        var port = FreePort.Next();
        var process = NodeServerProcess.Start("dev-idp", port, environment);
        var idp = new DevIdentityProvider(new Uri($"http://127.0.0.1:{port}"), process);
        await idp.WaitUntilUpAsync(TimeSpan.FromSeconds(30));
        return idp;
    }

    public async Task WaitUntilUpAsync(TimeSpan timeout) =>
        await Eventually.ReturnsAsync(
            async () => (await Http.GetAsync(WellKnownUrl)).IsSuccessStatusCode,
            up => up,
            timeout,
            $"the dev IdP answering at {WellKnownUrl} (run the tests with ./test.sh, which starts it)");

    /// <summary>A login token of the portal's users, signed by the IdP (audience "portal").</summary>
    public async Task<string> LoginTokenAsync(string sub, string? email = null, string? scope = null, string? roles = null)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "urn:portalgrains:grant-type:dev-login", ["sub"] = sub };
        if (email is not null) { form["email"] = email; }
        if (scope is not null) { form["scope"] = scope; }
        if (roles is not null) { form["roles"] = roles; }
        var (status, body) = await TokenRequestAsync(LoginClient, form);
        return status == 200
            ? body.GetProperty("access_token").GetString()!
            : throw new InvalidOperationException($"dev-login token request failed: {status} {body}");
    }

    /// <summary>A client_credentials token request as an API consumer makes it; returns the status and the JSON answer.</summary>
    public Task<(int Status, JsonElement Body)> ClientCredentialsAsync(string clientId, string clientSecret, string scope) =>
        TokenRequestAsync($"{clientId}:{clientSecret}", new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = scope });

    /// <summary>The clients the IdP holds for a portal application (tagged with software_id portal:{id}).</summary>
    public async Task<IReadOnlyList<JsonElement>> ClientsOfApplicationAsync(string applicationId)
    {
        var body = await GetJsonAsync("/__dev/clients?software_id=" + Uri.EscapeDataString("portal:" + applicationId));
        return [.. body.GetProperty("clients").EnumerateArray()];
    }

    public async Task<JsonElement> StatsAsync() => await GetJsonAsync("/__dev/stats");

    /// <summary>How many requests of one kind (discovery, jwks, registration...) the IdP has answered.</summary>
    public async Task<long> StatAsync(string kind) => (await StatsAsync()).GetProperty(kind).GetInt64();

    /// <summary>The kids of the IdP's signing keys.</summary>
    public async Task<IReadOnlyList<string>> KidsAsync() =>
        [.. (await GetJsonAsync("/__dev/keys")).GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!)];

    /// <summary>How many clients named <paramref name="clientName"/> the IdP holds.</summary>
    public async Task<int> CountClientsAsync(string clientName) =>
        (await GetJsonAsync("/__dev/clients?client_name=" + Uri.EscapeDataString(clientName))).GetProperty("count").GetInt32();

    /// <summary>Registers a client directly (RFC 7591, with the initial access token), as one created outside the portal.</summary>
    public async Task<JsonElement> RegisterClientAsync(object metadata)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, IssuerText + "/reg") { Content = JsonContent.Create(metadata) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", InitialAccessToken);
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode
            ? JsonDocument.Parse(text).RootElement.Clone()
            : throw new InvalidOperationException($"registration at the dev IdP failed: {(int)response.StatusCode} {text}");
    }

    /// <summary>Makes the IdP sign new tokens with a fresh RS256 key (new kid); the old keys stay in its JWKS. Returns the new kid.</summary>
    public async Task<string> RotateKeysAsync()
    {
        using var response = await Http.PostAsync(IssuerText + "/__dev/rotate-keys", content: null);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("kid").GetString()!;
    }

    /// <summary>The IdP's public JWK Set.</summary>
    public async Task<JsonElement> JwksAsync() => await GetJsonAsync("/jwks");

    public async Task InjectFaultsAsync(object faults)
    {
        using var content = new StringContent(JsonSerializer.Serialize(faults), Encoding.UTF8, "application/json");
        (await Http.PostAsync(IssuerText + "/__dev/faults", content)).EnsureSuccessStatusCode();
    }

    public async Task ClearFaultsAsync() => (await Http.DeleteAsync(IssuerText + "/__dev/faults")).EnsureSuccessStatusCode();

    /// <summary>Stops an own instance (the shared one is never stopped by tests).</summary>
    public void Stop()
    {
        if (_process is null)
        {
            throw new InvalidOperationException("The shared dev IdP is not stopped by tests");
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public ValueTask DisposeAsync() => NodeServerProcess.StopAsync(_process);

    /// <summary>Reads the scope claim of a JWT without validating it (the IdP signed it; tests look at what it grants).</summary>
    public static IReadOnlyList<string> ScopesOf(string jwt)
    {
        var payload = jwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
        using var document = JsonDocument.Parse(Convert.FromBase64String(payload));
        return document.RootElement.TryGetProperty("scope", out var scope)
            ? scope.GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            : [];
    }

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PortalGrains.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("PortalGrains.sln not found above " + AppContext.BaseDirectory);
    }

    private async Task<(int Status, JsonElement Body)> TokenRequestAsync(string basicCredentials, Dictionary<string, string> form)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, TokenEndpoint) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(basicCredentials)));
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonDocument.Parse(text.Length == 0 ? "{}" : text).RootElement.Clone());
    }

    private async Task<JsonElement> GetJsonAsync(string path)
    {
        var text = await Http.GetStringAsync(IssuerText + path);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
