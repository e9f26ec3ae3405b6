using System.Net;
using System.Net.Sockets;
using Azure.Data.Tables;
using PortalGrains.Host.Configuration;
using StackExchange.Redis;

namespace PortalGrains.Host.Hosting;

/// <summary>
/// Checks, before the silo starts, that the servers the configuration names answer on their ports,
/// so that a missing one is reported as one line that says what to start or set.
/// </summary>
public static class DependencyPreflight
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(3);

    public static async Task CheckAsync(OrleansHostingOptions orleans, PortalConnectionStrings connectionStrings, CancellationToken cancellationToken)
    {
        if (orleans.Storage == StorageKind.AzureTables)
        {
            await CheckAzureTablesAsync(connectionStrings.AzureTables, cancellationToken);
        }

        if (orleans.Storage == StorageKind.Redis || orleans.Clustering == ClusteringKind.Redis)
        {
            await CheckRedisAsync(connectionStrings.Redis, cancellationToken);
        }
    }

    private static async Task CheckAzureTablesAsync(string connectionString, CancellationToken cancellationToken)
    {
        Uri endpoint;
        try
        {
            endpoint = new TableServiceClient(connectionString).Uri;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            throw new StartupCheckException(
                "ConnectionStrings:AzureTables is not a valid Azure Table connection string: set it, or leave it unset to use Azurite (UseDevelopmentStorage=true).");
        }

        if (!await CanConnectAsync(endpoint.Host, endpoint.Port, cancellationToken))
        {
            throw new StartupCheckException(
                $"Azure Table storage is not reachable at {endpoint.Scheme}://{endpoint.Host}:{endpoint.Port} (ConnectionStrings:AzureTables): start Azurite with Azurite/start.sh, or set ConnectionStrings:AzureTables, or set Orleans:Storage=Memory.");
        }
    }

    private static async Task CheckRedisAsync(string configuration, CancellationToken cancellationToken)
    {
        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(configuration);
        }
        catch (ArgumentException)
        {
            throw new StartupCheckException("ConnectionStrings:Redis is not a valid Redis configuration string (e.g. 127.0.0.1:6379): set it.");
        }

        foreach (var endpoint in options.EndPoints)
        {
            var (host, port) = endpoint switch
            {
                DnsEndPoint dns => (dns.Host, dns.Port == 0 ? 6379 : dns.Port),
                IPEndPoint ip => (ip.Address.ToString(), ip.Port == 0 ? 6379 : ip.Port),
                _ => (endpoint.ToString() ?? string.Empty, 6379),
            };
            if (await CanConnectAsync(host, port, cancellationToken))
            {
                return;
            }

            throw new StartupCheckException(
                $"Redis is not reachable at {host}:{port} (ConnectionStrings:Redis, needed by Orleans:Clustering=Redis or Orleans:Storage=Redis): start redis-server, or set ConnectionStrings:Redis.");
        }
    }

    private static async Task<bool> CanConnectAsync(string host, int port, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ConnectTimeout);
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(host, port, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
