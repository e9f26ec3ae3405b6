using System.Diagnostics;
using System.Text;
using PortalGrains.Testing;

namespace PortalGrains.Operations.Tests.Infrastructure;

/// <summary>Runs a program from the repository root with extra environment variables and waits for it with a deadline.</summary>
public static class CommandRunner
{
    public static string RepositoryRoot { get; } = DevIdentityProvider.RepositoryRoot();

    public static async Task<CommandResult> RunAsync(
        string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(program)
        {
            WorkingDirectory = RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var command = $"{program} {string.Join(' ', info.ArgumentList)}";
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (stdout) { stdout.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (stderr) { stderr.AppendLine(e.Data); } } };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{command} did not finish within {timeout}:\n{stdout}\n{stderr}");
        }

        process.WaitForExit();
        lock (stdout)
        {
            lock (stderr)
            {
                return new CommandResult(command, process.ExitCode, stdout.ToString(), stderr.ToString());
            }
        }
    }
}
