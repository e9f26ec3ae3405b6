using System.Diagnostics;
using System.Text;
using PortalGrains.Testing;

namespace PortalGrains.Operations.Tests.Infrastructure;

/// <summary>The built host as its own process, which a test can send SIGTERM, as a process manager or Kubernetes does.</summary>
public sealed class PortalProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private PortalProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public bool HasExited => _process.HasExited;

    public string Output { get { lock (_output) { return _output.ToString(); } } }

    public static PortalProcess Start(IDictionary<string, string> environment)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent?.Name ?? "Debug";
        var dll = Path.Combine(CommandRunner.RepositoryRoot, "src", "PortalGrains.Host", "bin", configuration, "net10.0", "PortalGrains.Host.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "--urls", baseAddress.ToString() },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info };
        var portal = new PortalProcess(process, baseAddress);
        process.OutputDataReceived += (_, e) => portal.Append(e.Data);
        process.ErrorDataReceived += (_, e) => portal.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return portal;
    }

    /// <summary>The settings every test host shares: Azure Table storage on Azurite, the dev IdP as login IdP.</summary>
    public static Dictionary<string, string> BaseEnvironment(string serviceId) => new()
    {
        ["Orleans__Clustering"] = "Localhost",
        ["Orleans__Storage"] = "AzureTables",
        ["Orleans__ClusterId"] = serviceId,
        ["Orleans__ServiceId"] = serviceId,
        ["Orleans__SiloPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Orleans__GatewayPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["ConnectionStrings__AzureTables"] = TestServers.AzureTables,
        ["Portal__Auth__Authority"] = DevIdentityProvider.Shared.IssuerText,
        ["Portal__Auth__Audience"] = "portal",
        ["Portal__Auth__RequireHttpsMetadata"] = "false",
        // The providers the tests configure are the dev IdP on 127.0.0.1.
        ["Portal__Outbound__BlockLoopback"] = "false",
        ["Portal__Notifications__Smtp__Host"] = SmtpTestServer.Shared.Host,
        ["Portal__Notifications__Smtp__Port"] = SmtpTestServer.Shared.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        await Eventually.ReturnsAsync(
            async () =>
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"the host exited with {_process.ExitCode}:\n{Output}");
                }

                using var response = await http.GetAsync(new Uri(BaseAddress, "/healthz"));
                return response.IsSuccessStatusCode;
            },
            healthy => healthy || _process.HasExited,
            timeout,
            "/healthz answering 200");
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"the host exited with {_process.ExitCode}:\n{Output}");
        }
    }

    /// <summary>Asks the host to stop with SIGTERM, as a process manager or Kubernetes does.</summary>
    public async Task TerminateAsync()
    {
        var result = await CommandRunner.RunAsync("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], null, TimeSpan.FromSeconds(10));
        result.EnsureSuccess();
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(deadline.Token);
        _process.WaitForExit();
        return _process.ExitCode;
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

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
