using System.Diagnostics;
using System.Text.RegularExpressions;
using PortalGrains.IntegrationTests.Infrastructure;
using PortalGrains.Testing;

namespace PortalGrains.IntegrationTests.Walkthrough;

/// <summary>Runs the README's walkthrough exactly as written, so that it cannot rot.</summary>
[Collection(PortalCollection.Name)]
public sealed partial class ReadmeWalkthroughTests(PortalHost host)
{
    [Fact]
    public async Task The_readme_walkthrough_runs_as_written_watches_the_request_become_active_and_shares_the_application_in_a_team()
    {
        var script = "set -euo pipefail\n" + string.Join("\n", WalkthroughCommands());
        var info = new ProcessStartInfo("bash", ["-c", script])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["PORTAL"] = host.BaseAddress.ToString().TrimEnd('/');
        info.Environment["IDP"] = host.LoginIdp.IssuerText;
        using var bash = Process.Start(info)!;
        var output = bash.StandardOutput.ReadToEndAsync();
        var errors = bash.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await bash.WaitForExitAsync(timeout.Token);

        var transcript = await output + await errors;
        Assert.True(bash.ExitCode == 0, $"the walkthrough failed with {bash.ExitCode}:\n{transcript}");
        Assert.Contains("\"status\":\"ACTIVE\"", transcript);
        Assert.Contains("event: next\ndata: {\"data\":{\"accessRequestChanged\":{\"status\":\"PENDING\"}}}", transcript);
        Assert.Contains("event: next\ndata: {\"data\":{\"accessRequestChanged\":{\"status\":\"PROVISIONING\"}}}", transcript);
        Assert.Contains("event: next\ndata: {\"data\":{\"accessRequestChanged\":{\"status\":\"ACTIVE\"}}}", transcript);
        Assert.Contains("\"scope\":\"orders:read orders:gold\"", transcript);
        Assert.Contains("\"valid\":true", transcript);
        Assert.Contains("\"team\":{\"name\":\"Orders team\"},\"credentials\":[{", transcript);
        Assert.Contains("{\"data\":{\"application\":null}}", transcript);
        Assert.DoesNotContain("\"errors\":[{", transcript);
    }

    private static IEnumerable<string> WalkthroughCommands()
    {
        var readme = File.ReadAllText(Path.Combine(DevIdentityProvider.RepositoryRoot(), "README.md"));
        var start = readme.IndexOf("## Walkthrough", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no Walkthrough section");
        var end = readme.IndexOf("\n## ", start + 3, StringComparison.Ordinal);
        var section = end < 0 ? readme[start..] : readme[start..end];
        var blocks = ShellBlock().Matches(section).Select(m => m.Groups["commands"].Value).ToList();
        Assert.NotEmpty(blocks);
        return blocks;
    }

    [GeneratedRegex(@"```sh\n(?<commands>.*?)```", RegexOptions.Singleline)]
    private static partial Regex ShellBlock();
}
