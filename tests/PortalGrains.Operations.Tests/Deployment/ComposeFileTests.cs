using System.Text.Json;
using System.Text.RegularExpressions;
using PortalGrains.Operations.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PortalGrains.Operations.Tests.Deployment;

/// <summary>docker-compose.yml runs what <c>deploy/local/cluster.sh up 3</c> runs: same services, ports and settings.</summary>
public sealed partial class ComposeFileTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_compose_file_has_the_services_ports_and_silo_settings_of_the_local_cluster()
    {
        var (plan, planned) = await PlanAsync();
        using var compose = JsonDocument.Parse((await DeployTools.NodeAsync("deploy/tools/yaml-to-json.js", "docker-compose.yml")).EnsureSuccess().StandardOutput);
        var services = compose.RootElement.GetProperty("services");

        Assert.Equal(plan.Keys.Order(), services.EnumerateObject().Select(s => s.Name).Order());
        Assert.All(services.EnumerateObject(), s => Assert.Equal("host", s.Value.GetProperty("network_mode").GetString()));

        Assert.Equal(Port(plan["redis"]), Option(Command(services, "redis"), "--port"));
        Assert.Equal(Port(plan["azurite"]), Option(Command(services, "azurite"), "--tablePort"));
        Assert.Equal(Port(plan["dev-idp"]), Environment(services, "dev-idp")["PORT"]);
        Assert.Equal(Port(plan["smtp"]), Environment(services, "smtp")["SMTP_PORT"]);
        Assert.Equal(Setting(plan["smtp"], "api"), Environment(services, "smtp")["HTTP_PORT"]);

        foreach (var silo in new[] { "silo1", "silo2", "silo3" })
        {
            var line = plan[silo];
            var environment = Environment(services, silo);
            Assert.Equal(["--urls", $"http://127.0.0.1:{Setting(line, "http")}"], Command(services, silo));
            Assert.Equal(Setting(line, "silo"), environment["Orleans__SiloPort"]);
            Assert.Equal(Setting(line, "gateway"), environment["Orleans__GatewayPort"]);
            Assert.Equal(Setting(line, "metrics"), environment["Telemetry__MetricsPort"]);
            Assert.Equal(Setting(line, "http"), environment["PORTAL_HTTP_PORT"]);
            foreach (var (key, value) in planned.Where(p => p.Key is not ("Orleans__SiloPort" or "Orleans__GatewayPort" or "Telemetry__MetricsPort")))
            {
                Assert.True(environment.TryGetValue(key, out var actual) && actual == value, $"{silo}: {key} is '{actual}', cluster.sh sets '{value}'");
            }
        }
    }

    [Fact]
    public async Task The_compose_balancer_configuration_is_what_cluster_sh_generates_for_three_silos()
    {
        var generated = await ClusterScriptAsync("haproxy-config", "3");
        var committed = await File.ReadAllTextAsync(Path.Combine(CommandRunner.RepositoryRoot, "deploy", "local", "haproxy.compose.cfg"));
        Assert.Equal(generated.StandardOutput.ReplaceLineEndings("\n").TrimEnd(), committed.ReplaceLineEndings("\n").TrimEnd());
        Assert.Contains("bind 127.0.0.1:5100", committed, StringComparison.Ordinal);
    }

    /// <summary>`cluster.sh plan 3`: each service's line by name, and the silo settings.</summary>
    private async Task<(Dictionary<string, string> Services, Dictionary<string, string> Environment)> PlanAsync()
    {
        var result = await ClusterScriptAsync("plan", "3");
        output.WriteLine(result.StandardOutput);
        var lines = result.StandardOutput.Split('\n');
        var environmentStart = Array.FindIndex(lines, l => l.StartsWith("environment", StringComparison.Ordinal));
        var services = lines[..environmentStart].Where(l => l.Length > 0).ToDictionary(l => l.Split(' ')[0], l => l);
        // Settings are indented by two spaces; a value may end in a space, which is kept.
        var environment = lines[(environmentStart + 1)..].Where(l => l.StartsWith("  ", StringComparison.Ordinal))
            .Select(l => l[2..].Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        return (services, environment);
    }

    private static async Task<CommandResult> ClusterScriptAsync(params string[] arguments)
    {
        // A state directory that does not exist: the script reports its defaults, not a running cluster's settings.
        var environment = new Dictionary<string, string> { ["CLUSTER_STATE_DIR"] = Path.Combine(Path.GetTempPath(), "pg-plan-" + Guid.NewGuid().ToString("N")) };
        foreach (var name in System.Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(n => n.StartsWith("CLUSTER_", StringComparison.Ordinal)))
        {
            environment[name] = "";
        }

        return (await CommandRunner.RunAsync("bash", ["deploy/local/cluster.sh", .. arguments], environment, TimeSpan.FromSeconds(30))).EnsureSuccess();
    }

    private static string Port(string line) => line.Split(' ')[1];

    private static string Setting(string line, string name) => SettingPattern().Matches(line)
        .Single(m => m.Groups[1].Value == name).Groups[2].Value;

    private static string[] Command(JsonElement services, string service) =>
        [.. services.GetProperty(service).GetProperty("command").EnumerateArray().Select(e => e.GetString()!)];

    private static string? Option(string[] command, string name) =>
        command.Zip(command.Skip(1)).Where(p => p.First == name).Select(p => p.Second).SingleOrDefault();

    private static Dictionary<string, string> Environment(JsonElement services, string service) =>
        services.GetProperty(service).GetProperty("environment").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);

    [GeneratedRegex(@"(\w+)=(\d+)")]
    private static partial Regex SettingPattern();
}
