using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace PortalGrains.Bench.Infrastructure;

/// <summary>A process the bench started (and only that one is stopped by it), with the tail of its output kept.</summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private const int KeptOutputChars = 16_000;
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly List<Action<string>> _lineWatchers = [];

    private ChildProcess(Process process, long startedAt)
    {
        _process = process;
        StartedAt = startedAt;
    }

    /// <summary><see cref="Stopwatch.GetTimestamp"/> just before the process was started.</summary>
    public long StartedAt { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get { lock (_output) { return _output.ToString(); } }
    }

    public static ChildProcess Start(string fileName, IEnumerable<string> arguments, IDictionary<string, string> environment, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var child = new ChildProcess(process, Stopwatch.GetTimestamp());
        process.OutputDataReceived += (_, e) => child.Append(e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits for an output line that <paramref name="match"/> accepts and returns it.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_output)
        {
            foreach (var line in _output.ToString().Split('\n'))
            {
                if (match(line.TrimEnd('\r')))
                {
                    return line.TrimEnd('\r');
                }
            }

            _lineWatchers.Add(line => { if (match(line)) { found.TrySetResult(line); } });
        }

        using var exited = new CancellationTokenSource(timeout);
        var exit = _process.WaitForExitAsync(exited.Token);
        var first = await Task.WhenAny(found.Task, exit);
        if (first == found.Task)
        {
            return await found.Task;
        }

        throw new InvalidOperationException(_process.HasExited
            ? $"the process exited with {_process.ExitCode}: {Output}"
            : $"no expected output line within {timeout}: {Output}");
    }

    /// <summary>Resident set size (VmRSS of /proc/PID/status), in bytes.</summary>
    public long ResidentBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var kb = line["VmRSS:".Length..].Trim().Split(' ')[0];
                return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException($"no VmRSS in /proc/{_process.Id}/status");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
            if (_output.Length > KeptOutputChars * 2)
            {
                _output.Remove(0, _output.Length - KeptOutputChars);
            }

            foreach (var watcher in _lineWatchers)
            {
                watcher(line);
            }
        }
    }
}
