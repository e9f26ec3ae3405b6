using PortalGrains.Operations.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PortalGrains.Operations.Tests.Deployment;

public sealed class DockerfileTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_Dockerfile_passes_dockerfilelint()
    {
        var result = await DeployTools.DockerfileLintAsync("Dockerfile");
        output.WriteLine(result.ToString());
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Issues: None found", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dockerfilelint_reports_a_Dockerfile_with_issues()
    {
        var broken = DeployTools.WriteScratchFile("Dockerfile", "FROM ubuntu\nRUN apt-get install curl\nHEALTHCHECK --bogus=1 CMD true\n");
        try
        {
            var result = await DeployTools.DockerfileLintAsync(broken);
            output.WriteLine(result.ToString());
            Assert.NotEqual(0, result.ExitCode);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(broken)!, recursive: true);
        }
    }

    [Fact]
    public async Task The_image_is_multi_stage_runs_as_a_non_root_user_and_checks_its_health()
    {
        var dockerfile = await File.ReadAllLinesAsync(Path.Combine(CommandRunner.RepositoryRoot, "Dockerfile"));
        var instructions = dockerfile.Where(l => l.Length > 0 && !l.StartsWith('#') && !char.IsWhiteSpace(l[0])).ToList();

        Assert.Contains(instructions, l => l.StartsWith("FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build", StringComparison.Ordinal));
        Assert.Contains(instructions, l => l.StartsWith("FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime", StringComparison.Ordinal));
        var user = instructions.Last(l => l.StartsWith("USER ", StringComparison.Ordinal));
        Assert.NotEqual("USER root", user);
        Assert.NotEqual("USER 0", user);
        Assert.Contains(instructions, l => l.StartsWith("HEALTHCHECK", StringComparison.Ordinal));
        Assert.Contains("/healthz", string.Join('\n', dockerfile), StringComparison.Ordinal);
    }
}
