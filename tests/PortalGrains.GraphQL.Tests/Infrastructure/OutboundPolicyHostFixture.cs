using PortalGrains.Testing;

namespace PortalGrains.GraphQL.Tests.Infrastructure;

/// <summary>
/// A Production host with the outbound policy's defaults outside Development (loopback blocked, insecure TLS not
/// allowed), set explicitly so that no setting of the machine changes them.
/// </summary>
public sealed class OutboundPolicyHostFixture : IAsyncLifetime
{
    private HostProcess? _host;

    public GraphQLClient GraphQL { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await LoginIdp.RequireAsync();
        var environment = HostProcess.MemorySiloEnvironment();
        environment["Portal__Auth__Authority"] = LoginIdp.IssuerText;
        environment["Portal__Auth__Audience"] = LoginIdp.Audience;
        environment["Portal__Auth__RequireHttpsMetadata"] = "false";
        environment["Portal__Outbound__BlockLoopback"] = "true";
        environment["Portal__Outbound__AllowInsecureTls"] = "false";
        _host = HostProcess.Start(environment);
        using var http = new HttpClient();
        await _host.WaitUntilHealthyAsync(http, TimeSpan.FromSeconds(90));
        GraphQL = new GraphQLClient(_host.BaseAddress);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
