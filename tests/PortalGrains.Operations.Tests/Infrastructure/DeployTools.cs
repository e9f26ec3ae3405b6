namespace PortalGrains.Operations.Tests.Infrastructure;

/// <summary>The node tools pinned in deploy/tools, installed through deploy/tools/install.sh on first use.</summary>
public static class DeployTools
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);
    private static bool _installed;

    public static async Task EnsureInstalledAsync()
    {
        await InstallLock.WaitAsync();
        try
        {
            if (!_installed)
            {
                (await CommandRunner.RunAsync("bash", ["-c", "source deploy/tools/install.sh && ensure_deploy_tools"], null, TimeSpan.FromMinutes(5)))
                    .EnsureSuccess();
                _installed = true;
            }
        }
        finally
        {
            InstallLock.Release();
        }
    }

    public static async Task<CommandResult> NodeAsync(params string[] arguments)
    {
        await EnsureInstalledAsync();
        return await CommandRunner.RunAsync("node", arguments, null, TimeSpan.FromMinutes(1));
    }

    public static async Task<CommandResult> DockerfileLintAsync(string dockerfile)
    {
        await EnsureInstalledAsync();
        return await CommandRunner.RunAsync(Path.Combine(CommandRunner.RepositoryRoot, "deploy", "tools", "node_modules", ".bin", "dockerfilelint"), [dockerfile], null, TimeSpan.FromMinutes(1));
    }

    /// <summary>A scratch file for a deliberately broken input, deleted by the caller.</summary>
    public static string WriteScratchFile(string name, string content)
    {
        var directory = Path.Combine(Path.GetTempPath(), "pg-deploy-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, content);
        return path;
    }
}
