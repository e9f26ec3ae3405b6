using System.Net.Sockets;

namespace PortalGrains.Testing;

/// <summary>The servers test.sh starts, read from PG_TEST_* variables with test.sh's defaults.</summary>
public static class TestServers
{
    public static string AzureTables { get; } = Environment.GetEnvironmentVariable("PG_TEST_AZURE_TABLES") ??
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:10102/devstoreaccount1;";

    public static string Redis { get; } = Environment.GetEnvironmentVariable("PG_TEST_REDIS") ?? "127.0.0.1:6380";

    public static void RequireAzurite() => Require(new Azure.Data.Tables.TableServiceClient(AzureTables).Uri, "Azurite");

    public static void RequireRedis()
    {
        var parts = Redis.Split(',')[0].Split(':');
        Require(new Uri($"tcp://{parts[0]}:{(parts.Length > 1 ? parts[1] : "6379")}"), "redis-server");
    }

    private static void Require(Uri endpoint, string name)
    {
        try
        {
            using var client = new TcpClient();
            if (!client.ConnectAsync(endpoint.Host, endpoint.Port).Wait(TimeSpan.FromSeconds(3)))
            {
                throw new TimeoutException();
            }
        }
        catch (Exception e) when (e is AggregateException or SocketException or TimeoutException)
        {
            throw new InvalidOperationException(
                $"{name} is not reachable at {endpoint.Host}:{endpoint.Port}; run the tests with ./test.sh, which starts it.");
        }
    }
}
