using System.Diagnostics;
using System.Globalization;

namespace PortalGrains.Testing;

/// <summary>Starts and stops one of the repository's node dev servers (deploy/dev-idp, deploy/dev-bridge) on a port of its own.</summary>
public static class NodeServerProcess
{
    /// <summary>Runs deploy/<paramref name="directory"/>/server.js with PORT=<paramref name="port"/> and the given environment.</summary>
    public static Process Start(string directory, int port, IDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("node", "server.js")
        {
            WorkingDirectory = Path.Combine(DevIdentityProvider.RepositoryRoot(), "deploy", directory),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["PORT"] = port.ToString(CultureInfo.InvariantCulture);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public static async ValueTask StopAsync(Process? process)
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process?.Dispose();
    }
}
