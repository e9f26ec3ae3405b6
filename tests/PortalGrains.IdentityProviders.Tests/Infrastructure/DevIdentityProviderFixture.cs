using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Duende.IdentityModel.Client;
using PortalGrains.IdentityProviders.InitialAccess;
using PortalGrains.IdentityProviders.Registration;

namespace PortalGrains.IdentityProviders.Tests.Infrastructure;

/// <summary>
/// The development OpenID provider (deploy/dev-idp) the integration tests run against. It reads
/// PG_TEST_IDP_URL (the issuer, default http://127.0.0.1:9010) and PG_TEST_IDP_INITIAL_TOKEN
/// (default dev-initial-access-token), and fails every test that uses it, with a clear message, when the
/// discovery document does not answer within a few seconds.
/// </summary>
public sealed class DevIdentityProviderFixture : IAsyncLifetime
{
    public const string UrlVariable = "PG_TEST_IDP_URL";
    public const string InitialTokenVariable = "PG_TEST_IDP_INITIAL_TOKEN";
    public const string DefaultUrl = "http://127.0.0.1:9010";
    public const string DefaultInitialToken = "dev-initial-access-token";

    private static readonly TimeSpan DiscoveryTimeout = TimeSpan.FromSeconds(5);

    public DevIdentityProviderFixture()
    {
        var url = Environment.GetEnvironmentVariable(UrlVariable) is { Length: > 0 } configured ? configured : DefaultUrl;
        IssuerText = url.TrimEnd('/');
        Issuer = new Uri(IssuerText);
        InitialAccessToken = Environment.GetEnvironmentVariable(InitialTokenVariable) is { Length: > 0 } token
            ? token
            : DefaultInitialToken;
        Http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The issuer as a Uri (which adds a '/' to an issuer without a path).</summary>
    public Uri Issuer { get; }

    /// <summary>The issuer exactly as configured, without a trailing slash: what the dev IdP puts in "iss".</summary>
    public string IssuerText { get; }

    public string InitialAccessToken { get; }

    /// <summary>An HttpClient for tests and drivers; no resilience pipeline, so that tests see every failure.</summary>
    public HttpClient Http { get; }

    /// <summary>The discovery document as the dev IdP served it at start.</summary>
    public JsonElement Discovery { get; private set; }

    public Uri TokenEndpoint { get; private set; } = null!;

    public Uri RegistrationEndpoint { get; private set; } = null!;

    public Uri JwksUri { get; private set; } = null!;

    public RegistrationEndpoints Endpoints => new(Issuer, RegistrationEndpoint, TokenEndpoint);

    /// <summary>A connection for the drivers, with the dev IdP's initial access token unless told otherwise.</summary>
    public IdentityProviderConnection Connection(ProviderCredentials? credentials = null, HttpClient? http = null) =>
        new(http ?? Http, Endpoints, credentials ?? new StaticInitialAccessToken(InitialAccessToken));

    public async Task InitializeAsync()
    {
        var discoveryUri = new Uri(IssuerText + "/.well-known/openid-configuration");
        using var timeout = new CancellationTokenSource(DiscoveryTimeout);
        try
        {
            using var response = await Http.GetAsync(discoveryUri, timeout.Token);
            response.EnsureSuccessStatusCode();
            Discovery = (await response.Content.ReadFromJsonAsync<JsonElement>(timeout.Token)).Clone();
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException or JsonException)
        {
            throw new InvalidOperationException(
                $"dev IdP not reachable at {IssuerText}: run ./test.sh or deploy/dev-idp/start.sh "
                + $"(or set {UrlVariable}); {discoveryUri} answered: {exception.Message}",
                exception);
        }

        TokenEndpoint = RequiredUri("token_endpoint");
        RegistrationEndpoint = RequiredUri("registration_endpoint");
        JwksUri = RequiredUri("jwks_uri");
    }

    public Task DisposeAsync()
    {
        Http.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>A client_credentials token request at the dev IdP (HTTP Basic client authentication).</summary>
    public Task<TokenResponse> RequestClientCredentialsTokenAsync(
        string clientId, string clientSecret, string? scope = null, CancellationToken cancellationToken = default) =>
        Http.RequestClientCredentialsTokenAsync(
            new ClientCredentialsTokenRequest
            {
                Address = TokenEndpoint.AbsoluteUri,
                ClientId = clientId,
                ClientSecret = clientSecret,
                Scope = scope,
            },
            cancellationToken);

    /// <summary>The clients the dev IdP holds (GET /__dev/clients), filtered like the endpoint filters.</summary>
    public async Task<IReadOnlyList<DevClient>> ListClientsAsync(
        string? softwareId = null, string? clientName = null, string? scope = null, CancellationToken cancellationToken = default)
    {
        var query = new List<string>();
        AddQuery(query, "software_id", softwareId);
        AddQuery(query, "client_name", clientName);
        AddQuery(query, "scope", scope);
        var uri = DevUri("clients" + (query.Count == 0 ? string.Empty : "?" + string.Join('&', query)));
        var page = await Http.GetFromJsonAsync<JsonElement>(uri, cancellationToken);
        return page.GetProperty("clients").EnumerateArray().Select(DevClient.FromJson).ToArray();
    }

    /// <summary>
    /// Injects a fault into the next <paramref name="count"/> registration POSTs (POST /__dev/faults): an HTTP status
    /// answered without creating anything (with an optional Retry-After), or a committed registration whose answer
    /// is dropped. Faults are global to the dev IdP: tests that use them belong to <see cref="DevIdentityProviderCollection"/>.
    /// </summary>
    public async Task InjectRegistrationFaultAsync(
        int? status = null, bool dropResponse = false, int count = 1, int? retryAfterSeconds = null,
        CancellationToken cancellationToken = default)
    {
        var body = new JsonObject { ["count"] = count };
        if (status is { } code)
        {
            body["registrationStatus"] = code;
        }

        if (dropResponse)
        {
            body["registrationDropResponse"] = true;
        }

        if (retryAfterSeconds is { } seconds)
        {
            body["retryAfter"] = seconds;
        }

        using var response = await Http.PostAsJsonAsync(DevUri("faults"), body, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public async Task ClearFaultsAsync(CancellationToken cancellationToken = default)
    {
        using var response = await Http.DeleteAsync(DevUri("faults"), cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>An endpoint below the issuer's /__dev path.</summary>
    public Uri DevUri(string relative) => new(IssuerText + "/__dev/" + relative);

    private Uri RequiredUri(string name) =>
        Discovery.TryGetProperty(name, out var value) && Uri.TryCreate(value.GetString(), UriKind.Absolute, out var uri)
            ? uri
            : throw new InvalidOperationException($"The dev IdP at {Issuer} publishes no {name} in its discovery document.");

    private static void AddQuery(List<string> query, string name, string? value)
    {
        if (value is not null)
        {
            query.Add($"{name}={Uri.EscapeDataString(value)}");
        }
    }
}
