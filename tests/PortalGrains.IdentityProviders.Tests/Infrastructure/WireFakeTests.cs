using WireMock.Server;

namespace PortalGrains.IdentityProviders.Tests.Infrastructure;

/// <summary>
/// Tests of a driver against a wire-level fake of a vendor's API (a vendor that cannot run here): a WireMock server
/// per test, and the HTTP client the driver sends through.
/// </summary>
public abstract class WireFakeTests : IDisposable
{
    protected WireMockServer Server { get; } = WireMockServer.Start();

    protected HttpClient Http { get; } = new();

    public void Dispose()
    {
        Http.Dispose();
        Server.Stop();
        Server.Dispose();
        GC.SuppressFinalize(this);
    }
}
