using System.Diagnostics;
using System.Text;

namespace PortalGrains.Bench.Tests;

/// <summary>
/// Every benchmark of bench/PortalGrains.Bench in its quick mode (about a second of load each, small N) against the
/// dev IdP and Azurite that test.sh starts: each must end with its RESULT line and the tool must exit 0.
/// These are not measurements; they keep the harness working.
/// </summary>
public sealed class BenchSmokeTests
{
    private static readonly string[] Benchmarks = ["catalog", "verify-token", "provisioning", "state", "cold-start"];

    [Fact]
    public async Task Every_benchmark_runs_in_quick_mode_and_reports_a_result()
    {
        var (exitCode, output) = await RunBenchAsync(["all", "--quick", "--checkouts", "10", "--apps", "100"], TimeSpan.FromMinutes(3));

        var missing = Benchmarks.Where(b => !output.Split('\n').Any(line => line.StartsWith($"RESULT {b} ", StringComparison.Ordinal))).ToList();
        Assert.True(missing.Count == 0, $"no RESULT line for {string.Join(", ", missing)}:\n{output}");
        Assert.True(exitCode == 0, $"the bench exited with {exitCode}:\n{output}");
        Assert.Contains("RESULT verify-token ", output);
    }

    [Fact]
    public async Task An_unknown_command_is_refused_with_the_usage()
    {
        var (exitCode, output) = await RunBenchAsync(["nonsense"], TimeSpan.FromMinutes(1));

        Assert.Equal(2, exitCode);
        Assert.Contains("usage: PortalGrains.Bench", output);
    }

    private static async Task<(int ExitCode, string Output)> RunBenchAsync(string[] arguments, TimeSpan timeout)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent?.Name ?? "Debug";
        var root = RepositoryRoot();
        var bench = Path.Combine(root, "bench", "PortalGrains.Bench", "bin", configuration, "net10.0", "PortalGrains.Bench.dll");
        var host = Path.Combine(root, "src", "PortalGrains.Host", "bin", configuration, "net10.0", "PortalGrains.Host.dll");
        Assert.True(File.Exists(bench), $"{bench} is not built");
        Assert.True(File.Exists(host), $"{host} is not built");

        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(bench);
        foreach (var argument in arguments.Concat(["--host", host]))
        {
            info.ArgumentList.Add(argument);
        }

        // The servers test.sh starts (the bench reads the same PG_TEST_* variables); their defaults when unset.
        info.Environment["PG_TEST_IDP_URL"] = Environment.GetEnvironmentVariable("PG_TEST_IDP_URL") ?? "http://127.0.0.1:9010";
        info.Environment["PG_TEST_AZURE_TABLES"] = Environment.GetEnvironmentVariable("PG_TEST_AZURE_TABLES") ??
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:10102/devstoreaccount1;";

        var output = new StringBuilder();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            lock (output)
            {
                Assert.Fail($"the bench did not finish within {timeout}:\n{output}");
            }
        }

        process.WaitForExit();
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PortalGrains.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("PortalGrains.sln not found above " + AppContext.BaseDirectory);
    }
}
