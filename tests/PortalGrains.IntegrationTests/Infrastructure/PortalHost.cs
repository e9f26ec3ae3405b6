using PortalGrains.Testing;

namespace PortalGrains.IntegrationTests.Infrastructure;

/// <summary>
/// One PortalGrains host process for a test collection: Azure Table storage on Azurite, the dev IdP as the portal's
/// login IdP, and short retry delays so that background provisioning settles quickly.
/// </summary>
public sealed class PortalHost : IAsyncLifetime
{
    private HostProcess? _process;

    public GraphQLClient GraphQL { get; private set; } = null!;

    public Uri BaseAddress => _process!.BaseAddress;

    public string ServiceId { get; init; } = "it-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>The mail server the portal sends notifications to.</summary>
    public SmtpTestServer Smtp { get; init; } = SmtpTestServer.Shared;

    public DevIdentityProvider LoginIdp => DevIdentityProvider.Shared;

    /// <summary>More environment variables of the host process, added to the ones above (a same name replaces one).</summary>
    public IReadOnlyDictionary<string, string> ExtraEnvironment { get; init; } = new Dictionary<string, string>();

    public async Task InitializeAsync()
    {
        TestServers.RequireAzurite();
        await LoginIdp.WaitUntilUpAsync(TimeSpan.FromSeconds(30));
        var environment = new Dictionary<string, string>
        {
            ["Orleans__Clustering"] = "Localhost",
            ["Orleans__Storage"] = "AzureTables",
            ["Orleans__ClusterId"] = ServiceId,
            ["Orleans__ServiceId"] = ServiceId,
            ["Orleans__SiloPort"] = FreePort.Next().ToString(),
            ["Orleans__GatewayPort"] = FreePort.Next().ToString(),
            ["ConnectionStrings__AzureTables"] = TestServers.AzureTables,
            ["Portal__Auth__Authority"] = LoginIdp.IssuerText,
            ["Portal__Auth__Audience"] = "portal",
            ["Portal__Auth__RequireHttpsMetadata"] = "false",
            // The providers the tests configure are dev IdPs and proxies on 127.0.0.1.
            ["Portal__Outbound__BlockLoopback"] = "false",
            ["Portal__Provisioning__FirstRetryDelay"] = "00:00:00.200",
            ["Portal__Provisioning__MaxRetryDelay"] = "00:00:01",
            ["Portal__IdentityProviders__Http__AttemptTimeout"] = "00:00:05",
            ["Portal__IdentityProviders__Http__TotalTimeout"] = "00:00:15",
            ["Portal__Notifications__Smtp__Host"] = Smtp.Host,
            ["Portal__Notifications__Smtp__Port"] = Smtp.Port.ToString(),
            ["Portal__Notifications__FirstRetryDelay"] = "00:00:00.200",
            ["Portal__Notifications__MaxRetryDelay"] = "00:00:01",
            // Webhook receivers of the tests listen on http://127.0.0.1.
            ["Portal__Webhooks__AllowHttp"] = "true",
            ["Portal__Webhooks__FirstRetryDelay"] = "00:00:00.200",
            ["Portal__Webhooks__MaxRetryDelay"] = "00:00:01",
            ["Portal__Webhooks__SweepInterval"] = "00:00:01",
        };
        foreach (var (name, value) in ExtraEnvironment)
        {
            environment[name] = value;
        }

        _process = HostProcess.Start(environment);
        using var http = new HttpClient();
        await _process.WaitUntilHealthyAsync(http, TimeSpan.FromSeconds(90));
        GraphQL = new GraphQLClient(_process.BaseAddress);
    }

    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
    }

    public string Logs => (_process?.StandardOutput ?? "") + (_process?.StandardError ?? "");
}
