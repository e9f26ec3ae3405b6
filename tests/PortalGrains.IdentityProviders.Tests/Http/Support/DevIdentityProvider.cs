using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PortalGrains.IdentityProviders.Tests.Http.Support;

/// <summary>
/// The development OpenID provider (deploy/dev-idp): the shared instance (PG_TEST_IDP_URL, started on
/// port 9010 when it is not running) or an instance of a test's own, on a free port, that the test may stop.
/// </summary>
public sealed partial class DevIdentityProvider : IDisposable
{
    private const string DefaultIssuer = "http://127.0.0.1:9010";
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(60);
    private static readonly HttpClient Admin = new() { Timeout = TimeSpan.FromSeconds(10) };
    private static readonly Lazy<Task<DevIdentityProvider>> Shared = new(StartOrReuseSharedAsync);

    private readonly Process? _process;

    private DevIdentityProvider(Uri issuer, Process? process)
    {
        Issuer = issuer;
        _process = process;
    }

    /// <summary>The issuer, without a trailing slash.</summary>
    public Uri Issuer { get; }

    public string IssuerText => Issuer.AbsoluteUri.TrimEnd('/');

    public Uri WellKnownUrl => new($"{IssuerText}/.well-known/openid-configuration");

    public Uri RegistrationEndpoint => new($"{IssuerText}/reg");

    public static string InitialAccessToken =>
        Environment.GetEnvironmentVariable("PG_TEST_IDP_INITIAL_TOKEN") is { Length: > 0 } token
            ? token
            : "dev-initial-access-token";

    /// <summary>The shared dev IdP. Fails with a clear message when it is neither running nor startable.</summary>
    public static Task<DevIdentityProvider> GetSharedAsync() => Shared.Value;

    /// <summary>Starts an instance of this test's own on a free port; dispose (or <see cref="Stop"/>) ends it.</summary>
    public static async Task<DevIdentityProvider> StartOwnAsync()
    {
        var folder = FindDevIdpFolder();
        var start = new ProcessStartInfo("bash", [Path.Combine(folder, "start.sh")])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["PORT"] = "0";
        start.Environment["HOST"] = "127.0.0.1";
        start.Environment.Remove("ISSUER");
        start.Environment.Remove("DATA_FILE");

        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            output.Enqueue(e.Data);
            var match = ListeningLine().Match(e.Data);
            if (match.Success)
            {
                listening.TrySetResult(new Uri(match.Groups["issuer"].Value));
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                output.Enqueue(e.Data);
            }
        };
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException(
            $"The dev IdP ({folder}/start.sh) exited during start-up:\n{string.Join('\n', output)}"));

        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {folder}/start.sh");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var issuer = await listening.Task.WaitAsync(StartDeadline);
            var instance = new DevIdentityProvider(issuer, process);
            await WaitForDiscoveryAsync(instance.WellKnownUrl, StartDeadline);
            return instance;
        }
        catch (TimeoutException)
        {
            KillTree(process);
            throw new InvalidOperationException(
                $"The dev IdP did not start within {StartDeadline}:\n{string.Join('\n', output)}");
        }
    }

    /// <summary>Stops an own instance and waits until its port refuses connections.</summary>
    public void Stop()
    {
        if (_process is null)
        {
            throw new InvalidOperationException("The shared dev IdP is not stopped by tests");
        }

        KillTree(_process);
    }

    public void Dispose()
    {
        if (_process is not null)
        {
            KillTree(_process);
            _process.Dispose();
        }
    }

    public async Task<JsonObject> GetStatsAsync() =>
        (await Admin.GetFromJsonAsync<JsonObject>($"{IssuerText}/__dev/stats"))!;

    public async Task<long> GetStatAsync(string kind) => (long)(await GetStatsAsync())[kind]!;

    public async Task SetFaultsAsync(object faults)
    {
        using var response = await Admin.PostAsJsonAsync($"{IssuerText}/__dev/faults", faults);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Adds a new signing key and returns its kid.</summary>
    public async Task<string> RotateKeysAsync()
    {
        using var response = await Admin.PostAsync($"{IssuerText}/__dev/rotate-keys", null);
        response.EnsureSuccessStatusCode();
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return (string)body["kid"]!;
    }

    public async Task<IReadOnlyList<string>> GetKidsAsync()
    {
        var body = (await Admin.GetFromJsonAsync<JsonObject>($"{IssuerText}/__dev/keys"))!;
        return [.. body["keys"]!.AsArray().Select(k => (string)k!["kid"]!)];
    }

    public async Task<int> CountClientsAsync(string clientName)
    {
        var body = (await Admin.GetFromJsonAsync<JsonObject>(
            $"{IssuerText}/__dev/clients?client_name={Uri.EscapeDataString(clientName)}"))!;
        return (int)body["count"]!;
    }

    private static async Task<DevIdentityProvider> StartOrReuseSharedAsync()
    {
        var configured = Environment.GetEnvironmentVariable("PG_TEST_IDP_URL") is { Length: > 0 } url
            ? url.TrimEnd('/')
            : DefaultIssuer;
        var instance = new DevIdentityProvider(new Uri(configured), null);
        if (await RespondsAsync(instance.WellKnownUrl))
        {
            return instance;
        }

        if (configured != DefaultIssuer)
        {
            throw new InvalidOperationException(
                $"The dev IdP at PG_TEST_IDP_URL={configured} does not answer; start it (deploy/dev-idp/start.sh) first");
        }

        // Started detached and left running, like test.sh does, so other test runs can reuse it.
        var folder = FindDevIdpFolder();
        var log = Path.Combine(Path.GetTempPath(), "portalgrains-dev-idp-9010.log");
        var start = new ProcessStartInfo("bash", ["-c", $"PORT=9010 nohup ./start.sh > '{log}' 2>&1 < /dev/null &"])
        {
            WorkingDirectory = folder,
            UseShellExecute = false,
        };
        using (var launcher = Process.Start(start) ?? throw new InvalidOperationException("Could not start the dev IdP"))
        {
            await launcher.WaitForExitAsync();
        }

        try
        {
            await WaitForDiscoveryAsync(instance.WellKnownUrl, StartDeadline);
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException(
                $"The dev IdP did not answer at {instance.WellKnownUrl} within {StartDeadline} after starting it; see {log}");
        }

        return instance;
    }

    private static async Task WaitForDiscoveryAsync(Uri url, TimeSpan deadline)
    {
        var until = DateTime.UtcNow + deadline;
        while (!await RespondsAsync(url))
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"{url} did not answer within {deadline}");
            }

            await Task.Delay(100);
        }
    }

    private static async Task<bool> RespondsAsync(Uri url)
    {
        try
        {
            using var response = await Admin.GetAsync(url);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }

    private static string FindDevIdpFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "deploy", "dev-idp");
            if (File.Exists(Path.Combine(candidate, "start.sh")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            $"deploy/dev-idp/start.sh not found above {AppContext.BaseDirectory}: the dev IdP is needed by this test");
    }

    private static void KillTree(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    [GeneratedRegex(@"listening on \S+, issuer (?<issuer>http\S+)")]
    private static partial Regex ListeningLine();
}
