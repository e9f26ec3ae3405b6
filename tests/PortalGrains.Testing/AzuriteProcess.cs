using System.Diagnostics;
using System.Globalization;

namespace PortalGrains.Testing;

/// <summary>An own Azurite table service on a free port with its own data folder, for tests that stop and restart storage.</summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private Process? _process;

    private AzuriteProcess(int port, string dataDirectory)
    {
        Port = port;
        DataDirectory = dataDirectory;
    }

    public int Port { get; }

    public string DataDirectory { get; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};TableEndpoint=http://127.0.0.1:{Port}/devstoreaccount1;";

    public static async Task<AzuriteProcess> StartAsync()
    {
        var azurite = new AzuriteProcess(FreePort.Next(), Directory.CreateTempSubdirectory("portalgrains-azurite-").FullName);
        await azurite.StartAgainAsync();
        return azurite;
    }

    /// <summary>Starts the service (again) on the same port and data folder.</summary>
    public async Task StartAgainAsync()
    {
        var executable = Path.Combine(DevIdentityProvider.RepositoryRoot(), "Azurite", "node_modules", ".bin", "azurite-table");
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"{executable} is missing: run ./test.sh, which installs Azurite.");
        }

        var info = new ProcessStartInfo(executable)
        {
            ArgumentList =
            {
                "--tableHost", "127.0.0.1", "--tablePort", Port.ToString(CultureInfo.InvariantCulture),
                "--location", DataDirectory, "--skipApiVersionCheck", "--disableProductStyleUrl", "--silent",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await Eventually.ReturnsAsync(
            async () =>
            {
                using var client = new System.Net.Sockets.TcpClient();
                await client.ConnectAsync("127.0.0.1", Port);
                return true;
            },
            up => up,
            TimeSpan.FromSeconds(30),
            $"Azurite listening on {Port}");
    }

    public async Task StopAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A left-over temporary folder is harmless.
        }
    }
}
