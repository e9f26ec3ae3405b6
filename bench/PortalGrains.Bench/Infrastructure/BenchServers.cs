using System.Globalization;
using System.Net.Sockets;
using PortalGrains.Testing;

namespace PortalGrains.Bench.Infrastructure;

/// <summary>
/// The servers the portal needs: the dev IdP and Azurite. Given ones (options or PG_TEST_IDP_URL /
/// PG_TEST_AZURE_TABLES) are used as they are; otherwise the bench starts its own on free ports and stops them after.
/// </summary>
public sealed class BenchServers : IAsyncDisposable
{
    private const string AzuriteAccount =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;";

    private readonly List<ChildProcess> _started = [];
    private string? _azuriteDirectory;

    private BenchServers(Uri idp, string azureTables)
    {
        Idp = idp;
        AzureTables = azureTables;
    }

    public Uri Idp { get; private set; }

    public string AzureTables { get; private set; }

    /// <summary>Whether the IdP is the bench's own (its counters then only count this bench's requests).</summary>
    public bool OwnIdp { get; private set; }

    public static async Task<BenchServers> StartAsync(BenchOptions options, TextWriter log)
    {
        var servers = new BenchServers(options.Idp ?? new Uri("http://127.0.0.1:0"), options.AzureTables ?? "");
        try
        {
            if (options.Idp is null)
            {
                await servers.StartIdpAsync();
                log.WriteLine($"# dev IdP started by the bench at {servers.Idp}");
            }

            if (options.AzureTables is null)
            {
                await servers.StartAzuriteAsync();
                log.WriteLine("# Azurite started by the bench at " + TableEndpoint(servers.AzureTables));
            }

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            await Waiting.UntilAsync(
                async () => (await http.GetAsync(new Uri(servers.Idp, "/.well-known/openid-configuration"))).IsSuccessStatusCode,
                up => up, TimeSpan.FromSeconds(30), $"the dev IdP answering at {servers.Idp}");
            await RequireListeningAsync(new Uri(TableEndpoint(servers.AzureTables)), "Azurite");
            return servers;
        }
        catch
        {
            await servers.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _started)
        {
            await process.DisposeAsync();
        }

        if (_azuriteDirectory is not null)
        {
            try
            {
                Directory.Delete(_azuriteDirectory, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS to clean up with the rest of the temporary folder.
            }
        }
    }

    private async Task StartIdpAsync()
    {
        var port = FreePort.Next();
        var idp = ChildProcess.Start("node", ["server.js"],
            new Dictionary<string, string> { ["PORT"] = port.ToString(CultureInfo.InvariantCulture), ["LOG_REQUESTS"] = "0" },
            RepositoryLayout.DevIdpDirectory);
        _started.Add(idp);
        Idp = new Uri($"http://127.0.0.1:{port}");
        OwnIdp = true;
        await RequireListeningAsync(Idp, "the dev IdP", TimeSpan.FromSeconds(30));
    }

    private async Task StartAzuriteAsync()
    {
        if (!File.Exists(RepositoryLayout.AzuriteTableCommand))
        {
            throw new InvalidOperationException(
                $"{RepositoryLayout.AzuriteTableCommand} is missing: run `npm install` in Azurite/, or pass --azure-tables.");
        }

        var port = FreePort.Next();
        _azuriteDirectory = Directory.CreateTempSubdirectory("portalgrains-bench-azurite-").FullName;
        _started.Add(ChildProcess.Start(RepositoryLayout.AzuriteTableCommand,
            ["--tableHost", "127.0.0.1", "--tablePort", port.ToString(CultureInfo.InvariantCulture), "--location", _azuriteDirectory,
                "--skipApiVersionCheck", "--disableProductStyleUrl", "--silent"],
            new Dictionary<string, string>()));
        AzureTables = $"{AzuriteAccount}TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";
        await RequireListeningAsync(new Uri($"http://127.0.0.1:{port}"), "Azurite", TimeSpan.FromSeconds(30));
    }

    private static string TableEndpoint(string connectionString) =>
        connectionString.Split(';').Select(p => p.Split('=', 2)).FirstOrDefault(p => p[0] == "TableEndpoint")?[1]
        ?? throw new ArgumentException("the Azure Tables connection string has no TableEndpoint");

    private static async Task RequireListeningAsync(Uri endpoint, string name, TimeSpan? timeout = null) =>
        await Waiting.UntilAsync(
            async () =>
            {
                using var client = new TcpClient();
                await client.ConnectAsync(endpoint.Host, endpoint.Port);
                return true;
            },
            up => up, timeout ?? TimeSpan.FromSeconds(3), $"{name} listening at {endpoint.Host}:{endpoint.Port}");
}
