namespace PortalGrains.Operations.Tests.Infrastructure;

/// <summary>What a finished command printed and how it exited.</summary>
public sealed record CommandResult(string Command, int ExitCode, string StandardOutput, string StandardError)
{
    public CommandResult EnsureSuccess() => ExitCode == 0
        ? this
        : throw new InvalidOperationException($"{Command} exited with {ExitCode}:\n{StandardOutput}\n{StandardError}");

    public override string ToString() => $"{Command} -> {ExitCode}\n{StandardOutput}\n{StandardError}";
}
