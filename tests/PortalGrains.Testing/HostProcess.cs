using System.Diagnostics;
using System.Text;

namespace PortalGrains.Testing;

/// <summary>The built PortalGrains.Host run as its own process, configured through environment variables.</summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private HostProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public string StandardError { get { lock (_stderr) { return _stderr.ToString(); } } }

    public string StandardOutput { get { lock (_stdout) { return _stdout.ToString(); } } }

    public static HostProcess Start(IDictionary<string, string> environment, string environmentName = "Production")
    {
        var port = FreePort.Next();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { HostAssemblyPath(), "--urls", baseAddress.ToString() },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = environmentName;
        info.Environment["DOTNET_ENVIRONMENT"] = environmentName;
        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var host = new HostProcess(process, baseAddress);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (host._stdout) { host._stdout.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (host._stderr) { host._stderr.AppendLine(e.Data); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Orleans on localhost clustering with fresh ports and ids, grain state in memory.</summary>
    public static Dictionary<string, string> MemorySiloEnvironment()
    {
        var clusterId = "mem-" + Guid.NewGuid().ToString("N")[..12];
        return new Dictionary<string, string>
        {
            ["Orleans__Clustering"] = "Localhost",
            ["Orleans__Storage"] = "Memory",
            ["Orleans__ClusterId"] = clusterId,
            ["Orleans__ServiceId"] = clusterId,
            ["Orleans__SiloPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans__GatewayPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>
    /// Waits until the host gives up starting, as it does for a setting or a dependency it cannot use (exit code 2),
    /// and returns the one line it wrote on standard error; anything else throws with what the host wrote.
    /// </summary>
    public async Task<string> StartupRefusalAsync(TimeSpan timeout)
    {
        var exitCode = await WaitForExitAsync(timeout);
        var lines = StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return exitCode == 2 && lines.Length == 1
            ? lines[0]
            : throw new InvalidOperationException(
                $"expected exit code 2 and one line on standard error, got exit code {exitCode} and:\n{StandardError}");
    }

    public async Task WaitUntilHealthyAsync(HttpClient http, TimeSpan timeout)
    {
        await Eventually.ReturnsAsync(
            async () =>
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"the host exited with {_process.ExitCode}: {StandardError}");
                }

                using var response = await http.GetAsync(new Uri(BaseAddress, "/healthz"));
                return response.IsSuccessStatusCode;
            },
            healthy => healthy || _process.HasExited,
            timeout,
            "/healthz answering 200");
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"the host exited with {_process.ExitCode}: {StandardError}");
        }
    }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Kills the process at once (SIGKILL), as a crash would.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>Asks the process to stop (SIGTERM) and waits until it has.</summary>
    public async Task TerminateAsync(TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            await SignalTerminateAsync();
            using var cts = new CancellationTokenSource(timeout);
            await _process.WaitForExitAsync(cts.Token);
        }
    }

    /// <summary>Sends SIGTERM, as a process manager or Kubernetes does, and returns while the host shuts down.</summary>
    public async Task SignalTerminateAsync()
    {
        using var signal = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await signal.WaitForExitAsync();
        if (signal.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -TERM {_process.Id} exited with {signal.ExitCode}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static string HostAssemblyPath()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent?.Name ?? "Debug";
        var path = Path.Combine(DevIdentityProvider.RepositoryRoot(), "src", "PortalGrains.Host", "bin", configuration, "net10.0", "PortalGrains.Host.dll");
        return File.Exists(path) ? path : throw new InvalidOperationException($"{path} is not built; build the solution first.");
    }
}
