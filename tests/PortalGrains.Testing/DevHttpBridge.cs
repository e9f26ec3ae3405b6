using System.Diagnostics;

namespace PortalGrains.Testing;

/// <summary>
/// The dev HTTP bridge of deploy/dev-bridge (Kong Konnect's DCR HTTP integration in front of a dev IdP), started on a
/// free port for one test class and stopped with it.
/// </summary>
public sealed class DevHttpBridge : IAsyncDisposable
{
    public const string DefaultApiKey = "dev-bridge-api-key";
    private readonly Process _process;

    private DevHttpBridge(Uri baseUrl, Process process)
    {
        BaseUrl = baseUrl;
        _process = process;
    }

    /// <summary>The bridge's base URL: the provider's registration endpoint.</summary>
    public Uri BaseUrl { get; }

    public string ApiKey => DefaultApiKey;

    private static HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>Starts a bridge that registers clients at <paramref name="idp"/> and waits until it answers.</summary>
    public static async Task<DevHttpBridge> StartAsync(DevIdentityProvider idp)
    {
        var port = FreePort.Next();
        var process = NodeServerProcess.Start("dev-bridge", port, new Dictionary<string, string>
        {
            ["API_KEY"] = DefaultApiKey,
            ["IDP_URL"] = idp.IssuerText,
            ["IDP_INITIAL_ACCESS_TOKEN"] = DevIdentityProvider.InitialAccessToken,
        });
        var bridge = new DevHttpBridge(new Uri($"http://127.0.0.1:{port}/"), process);
        // an answer without the API key (401) shows it is up
        await Eventually.ReturnsAsync(
            async () => (int)(await Http.GetAsync(bridge.BaseUrl)).StatusCode,
            status => status == 401,
            TimeSpan.FromSeconds(30),
            $"the dev HTTP bridge answering at {bridge.BaseUrl}");
        return bridge;
    }

    public ValueTask DisposeAsync() => NodeServerProcess.StopAsync(_process);
}
