using System.Net;
using System.Net.Sockets;

namespace PortalGrains.Operations.Tests.Infrastructure;

/// <summary>
/// A block of 40 free loopback ports below the ephemeral range, laid out as cluster.sh counts them: the balancer on
/// <see cref="Balancer"/>, silo i's HTTP on Balancer + i, its silo port on SiloBase + i, its gateway on GatewayBase + i
/// and its metrics port on MetricsBase + i.
/// </summary>
public sealed record ClusterPorts(int Balancer)
{
    private const int BlockSize = 40;

    public int BalancerAdmin => Balancer + 10;

    public int SiloBase => Balancer + 10;

    public int GatewayBase => Balancer + 20;

    public int MetricsBase => Balancer + 30;

    public int Http(int silo) => Balancer + silo;

    public static ClusterPorts Reserve()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var start = 20000 + (Random.Shared.Next(0, 240) * 50);
            if (Enumerable.Range(start, BlockSize).All(IsFree))
            {
                return new ClusterPorts(start);
            }
        }

        throw new InvalidOperationException("no block of 40 free ports between 20000 and 32000");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
