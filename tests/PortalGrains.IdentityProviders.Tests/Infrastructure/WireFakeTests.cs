using WireMock.Server;

namespace PortalGrains.IdentityProviders.Tests.Infrastructure;

/// <summary>
/// Tests of a driver against a wire-level fake of an identity provider or a vendor's API (one that cannot run here,
/// or failures the dev IdP cannot produce): a WireMock server per test, and the HTTP client the driver sends through.
/// </summary>
public abstract class WireFakeTests : IDisposable
{
    private readonly List<WireMockServer> _others = [];

    protected WireMockServer Server { get; } = WireMockServer.Start();

    protected HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>One more fake (another host), stopped with the test's own.</summary>
    protected WireMockServer StartAnotherServer()
    {
        var server = WireMockServer.Start();
        _others.Add(server);
        return server;
    }

    public void Dispose()
    {
        Http.Dispose();
        foreach (var server in _others.Prepend(Server))
        {
            server.Stop();
            server.Dispose();
        }

        GC.SuppressFinalize(this);
    }
}
