using System.Diagnostics;
using System.Globalization;

namespace PortalGrains.Bench.Infrastructure;

/// <summary>
/// A heap snapshot of a process taken with <c>dotnet-gcdump collect</c> (which runs a full blocking collection first)
/// and summed with <c>dotnet-gcdump report</c>: the live managed heap and its largest types by their own size
/// (object size times count as the report gives them: strings count at their smallest size, so they are under-counted).
/// Needs the tool: <c>dotnet tool install -g dotnet-gcdump</c>.
/// </summary>
public sealed record HeapSnapshot(string File, long TotalBytes, long Objects, IReadOnlyList<HeapSnapshot.TypeSize> Types)
{
    public sealed record TypeSize(string Type, long Bytes, long Count);

    public static async Task<HeapSnapshot> CollectAsync(int processId, string file)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await RunAsync(["collect", "-p", processId.ToString(CultureInfo.InvariantCulture), "-o", file, "-t", "300"]);
        var report = await RunAsync(["report", file]);
        long total = 0, objects = 0;
        var types = new List<TypeSize>();
        foreach (var line in report.Split('\n'))
        {
            // A header ("40,234,615  GC Heap bytes", "196,472  GC Heap objects"), then one line per type:
            // "248  300  Type [assembly]", the size of one object (the average within the size classes of arrays and
            // strings) and the number of objects.
            var parts = line.Trim().Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2 || !long.TryParse(parts[0], NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var size))
            {
                continue;
            }

            if (line.Contains("GC Heap bytes", StringComparison.Ordinal))
            {
                total = size;
            }
            else if (line.Contains("GC Heap objects", StringComparison.Ordinal))
            {
                objects = size;
            }
            else if (parts.Length == 3
                && long.TryParse(parts[1], NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var count))
            {
                types.Add(new TypeSize(parts[2].Trim(), size * count, count));
            }
        }

        return new HeapSnapshot(file, total, objects, [.. types.OrderByDescending(t => t.Bytes)]);
    }

    private static async Task<string> RunAsync(IReadOnlyList<string> arguments)
    {
        var info = new ProcessStartInfo(Tool())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet-gcdump did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet-gcdump {string.Join(' ', arguments)} exited with {process.ExitCode}: {await output}{await error}");
        }

        return await output;
    }

    private static string Tool()
    {
        var installed = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", "dotnet-gcdump");
        return System.IO.File.Exists(installed) ? installed : "dotnet-gcdump";
    }
}
