using System.Net.Sockets;
using Azure.Data.Tables;

namespace PortalGrains.Persistence.AzureTables.Tests;

/// <summary>The Azurite table service the tests run against (env PG_TEST_AZURE_TABLES).</summary>
internal static class AzuriteTables
{
    public const string EnvironmentVariable = "PG_TEST_AZURE_TABLES";

    // Azurite's published development account key (learn.microsoft.com/azure/storage/common/storage-use-azurite).
    public const string AccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public static string ConnectionString { get; } =
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured
            ? configured
            : ConnectionStringFor("http://127.0.0.1:10102/devstoreaccount1");

    public static string ConnectionStringFor(string tableEndpoint) =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};TableEndpoint={tableEndpoint};";

    public static TableServiceClient CreateServiceClient() => new(ConnectionString);

    public static string NewTableName() => "pgtest" + Guid.NewGuid().ToString("N")[..24];

    /// <summary>Fails with a message that says how to start Azurite when nothing listens at its endpoint.</summary>
    public static async Task EnsureReachableAsync()
    {
        var endpoint = CreateServiceClient().Uri;
        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        try
        {
            await client.ConnectAsync(endpoint.Host, endpoint.Port, timeout.Token);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            throw new InvalidOperationException(
                $"Azurite table service is not reachable at {endpoint.GetLeftPart(UriPartial.Authority)} (env {EnvironmentVariable}): " +
                "start it with 'AZURITE_TABLE_PORT=10102 Azurite/start.sh' or point the variable at a running one.", e);
        }
    }

    public static async Task<bool> TableExistsAsync(string tableName)
    {
        await foreach (var _ in CreateServiceClient().QueryAsync(table => table.Name == tableName))
        {
            return true;
        }

        return false;
    }
}
