using PortalGrains.Testing;

namespace PortalGrains.GraphQL.Tests.Infrastructure;

/// <summary>
/// One PortalGrains.Host process for the API tests (Production, grain state in memory) whose login IdP is the
/// dev OpenID provider, with audience "portal".
/// </summary>
public class PortalHostFixture : IAsyncLifetime
{
    private HostProcess? _host;

    public GraphQLEndpointClient GraphQL { get; private set; } = null!;

    public HostProcess Host => _host ?? throw new InvalidOperationException("The host is not started.");

    public async Task InitializeAsync()
    {
        await LoginIdp.RequireAsync();
        var environment = HostProcess.MemorySiloEnvironment();
        environment["Portal__Auth__Authority"] = LoginIdp.IssuerText;
        environment["Portal__Auth__Audience"] = LoginIdp.Audience;
        environment["Portal__Auth__RequireHttpsMetadata"] = "false";
        // The providers the tests configure are the dev IdP and fakes on 127.0.0.1.
        environment["Portal__Outbound__BlockLoopback"] = "false";
        Configure(environment);
        _host = HostProcess.Start(environment);
        using var http = new HttpClient();
        await _host.WaitUntilHealthyAsync(http, TimeSpan.FromSeconds(90));
        GraphQL = new GraphQLEndpointClient(_host.BaseAddress);
    }

    /// <summary>Settings of a fixture that starts its host otherwise.</summary>
    protected virtual void Configure(Dictionary<string, string> environment)
    {
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
