using System.Globalization;
using System.Text;
using PortalGrains.Testing;

namespace PortalGrains.Operations.Tests.Infrastructure;

/// <summary>
/// A cluster started by deploy/local/cluster.sh, on the servers test.sh runs (Redis, Azurite, the dev IdP, the SMTP
/// sink), with its own ports, cluster and service ids and state directory. Every operation goes through the script,
/// so the script is what is tested.
/// </summary>
public sealed class LocalCluster : IAsyncLifetime
{
    public const int InitialSilos = 3;
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(3);
    private readonly StringBuilder _log = new();
    private readonly string _stateDirectory = Path.Combine(Path.GetTempPath(), "pg-ops-" + Guid.NewGuid().ToString("N")[..10]);
    private readonly int _silos;
    private readonly IReadOnlyDictionary<string, string> _settings;

    public LocalCluster()
        : this(InitialSilos, new Dictionary<string, string>())
    {
    }

    private LocalCluster(int silos, IReadOnlyDictionary<string, string> settings)
    {
        _silos = silos;
        _settings = settings;
    }

    /// <summary>A cluster of <paramref name="silos"/> silos whose script gets these variables too (a caller's Portal__* and the like).</summary>
    public static LocalCluster With(int silos, IReadOnlyDictionary<string, string> settings) => new(silos, settings);

    public ClusterPorts Ports { get; } = ClusterPorts.Reserve();

    public Uri BalancerAddress => new($"http://127.0.0.1:{Ports.Balancer}");

    public string ServiceId { get; } = "ops-" + Guid.NewGuid().ToString("N")[..10];

    public DevIdentityProvider Idp => DevIdentityProvider.Shared;

    /// <summary>What the script printed so far, for a failing test's output.</summary>
    public string Log { get { lock (_log) { return _log.ToString(); } } }

    public async Task InitializeAsync()
    {
        TestServers.RequireRedis();
        TestServers.RequireAzurite();
        await Idp.WaitUntilUpAsync(TimeSpan.FromSeconds(30));
        await RunAsync("up", _silos.ToString(CultureInfo.InvariantCulture));
    }

    public async Task DisposeAsync()
    {
        try
        {
            await RunAsync("down");
            KeepLogs();
            await RunAsync("down", "--purge");
        }
        finally
        {
            if (Directory.Exists(_stateDirectory))
            {
                Directory.Delete(_stateDirectory, recursive: true);
            }
        }
    }

    /// <summary>The logs of the last cluster the tests ran, next to the test assembly, for a failure's post-mortem.</summary>
    private void KeepLogs()
    {
        var logs = Path.Combine(_stateDirectory, "logs");
        var kept = Path.Combine(AppContext.BaseDirectory, "cluster-logs");
        if (!Directory.Exists(logs))
        {
            return;
        }

        if (Directory.Exists(kept))
        {
            Directory.Delete(kept, recursive: true);
        }

        Directory.CreateDirectory(kept);
        foreach (var file in Directory.GetFiles(logs))
        {
            File.Copy(file, Path.Combine(kept, Path.GetFileName(file)));
        }
    }

    /// <summary>Runs <c>cluster.sh</c> with these arguments, failing with its output when it exits non-zero.</summary>
    public async Task<CommandResult> RunAsync(params string[] arguments)
    {
        var result = await CommandRunner.RunAsync(
            "bash", ["deploy/local/cluster.sh", .. arguments], Environment(), ScriptTimeout);
        lock (_log)
        {
            _log.Append(result.StandardError).Append(result.StandardOutput);
        }

        return result.EnsureSuccess();
    }

    /// <summary>The numbers of the silos the script reports running.</summary>
    public async Task<IReadOnlyList<int>> RunningSilosAsync()
    {
        var status = await RunAsync("status");
        return [.. status.StandardOutput.Split('\n')
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(words => words.Length > 2 && words[0].StartsWith("silo", StringComparison.Ordinal) && words[2] == "running")
            .Select(words => int.Parse(words[0]["silo".Length..], CultureInfo.InvariantCulture))];
    }

    /// <summary>
    /// What the balancer sent each silo so far: sessions, connection retries and redispatches, state (haproxy's
    /// "show stat" CSV fields stot, wretr, wredis, status).
    /// </summary>
    public async Task<string> BalancerStatsAsync()
    {
        var stats = await CommandRunner.RunAsync(
            "bash", ["-c", $"exec 3<>/dev/tcp/127.0.0.1/{Ports.BalancerAdmin}; echo 'show stat' >&3; cat <&3"], null, TimeSpan.FromSeconds(10));
        var lines = stats.StandardOutput.Split('\n').Where(l => l.StartsWith("silos,silo", StringComparison.Ordinal));
        return string.Join(", ", lines
            .Select(l => l.Split(','))
            .Where(f => f[7] != "0")
            .Select(f => $"{f[1]}: {f[7]} requests, {f[15]} retried, {f[16]} redispatched, {f[17]}"));
    }

    /// <summary>The lines of every silo's log that contain <paramref name="text"/>.</summary>
    public IReadOnlyList<string> SiloLogLines(string text)
    {
        var logs = Path.Combine(_stateDirectory, "logs");
        return Directory.Exists(logs)
            ? [.. Directory.GetFiles(logs, "silo*.log").SelectMany(File.ReadLines).Where(l => l.Contains(text, StringComparison.Ordinal))]
            : [];
    }

    private Dictionary<string, string> Environment()
    {
        var redis = TestServers.Redis.Split(',')[0].Split(':');
        var tables = new Azure.Data.Tables.TableServiceClient(TestServers.AzureTables).Uri;
        var smtp = SmtpTestServer.Shared;
        var environment = new Dictionary<string, string>
        {
            ["CLUSTER_STATE_DIR"] = _stateDirectory,
            ["CLUSTER_LB_PORT"] = Ports.Balancer.ToString(CultureInfo.InvariantCulture),
            ["CLUSTER_LB_ADMIN_PORT"] = Ports.BalancerAdmin.ToString(CultureInfo.InvariantCulture),
            ["CLUSTER_SILO_BASE_PORT"] = Ports.SiloBase.ToString(CultureInfo.InvariantCulture),
            ["CLUSTER_GATEWAY_BASE_PORT"] = Ports.GatewayBase.ToString(CultureInfo.InvariantCulture),
            ["CLUSTER_METRICS_BASE_PORT"] = Ports.MetricsBase.ToString(CultureInfo.InvariantCulture),
            ["CLUSTER_REDIS_PORT"] = redis.Length > 1 ? redis[1] : "6379",
            ["CLUSTER_AZURITE_PORT"] = tables.Port.ToString(CultureInfo.InvariantCulture),
            ["CLUSTER_IDP_PORT"] = Idp.Issuer.Port.ToString(CultureInfo.InvariantCulture),
            ["CLUSTER_SMTP_PORT"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["CLUSTER_SMTP_API_PORT"] = smtp.Api.Port.ToString(CultureInfo.InvariantCulture),
            ["CLUSTER_ID"] = ServiceId,
            ["CLUSTER_SERVICE_ID"] = ServiceId,
            ["CLUSTER_SKIP_BUILD"] = "1",
            ["CLUSTER_HOST_OUTPUT"] = HostOutput(),
            ["Portal__Provisioning__FirstRetryDelay"] = "00:00:00.200",
            ["Portal__Provisioning__MaxRetryDelay"] = "00:00:01",
            ["Portal__Notifications__FirstRetryDelay"] = "00:00:00.200",
            ["Portal__Notifications__MaxRetryDelay"] = "00:00:01",
            ["Portal__IdentityProviders__Http__AttemptTimeout"] = "00:00:05",
            ["Portal__IdentityProviders__Http__TotalTimeout"] = "00:00:15",
            // The load scenarios check out hundreds of applications for a handful of developers.
            ["Portal__Limits__ApplicationsPerDeveloper"] = "100000",
            ["Portal__Limits__PendingRequestsPerDeveloper"] = "100000",
        };
        foreach (var (key, value) in _settings)
        {
            environment[key] = value;
        }

        return environment;
    }

    /// <summary>The host build next to this test build (Debug or Release alike).</summary>
    private static string HostOutput()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent?.Name ?? "Debug";
        return Path.Combine(CommandRunner.RepositoryRoot, "src", "PortalGrains.Host", "bin", configuration, "net10.0");
    }
}
