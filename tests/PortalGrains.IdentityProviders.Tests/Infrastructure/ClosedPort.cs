using System.Net;
using System.Net.Sockets;

namespace PortalGrains.IdentityProviders.Tests.Infrastructure;

public static class ClosedPort
{
    /// <summary>A loopback URL on which nothing listens: connecting to it is refused.</summary>
    public static Uri NewUrl()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}");
    }
}
