using PortalGrains.Configuration;

namespace PortalGrains.Host.Dashboard;

/// <summary>
/// The <c>Portal:Dashboard</c> section: the Orleans Dashboard, served on a path of the API's HTTP server to portal
/// admins only. Off by default: when on, every silo collects grain and silo statistics for it.
/// </summary>
public sealed class PortalDashboardOptions : IProblemReportingOptions
{
    public const string SectionName = "Portal:Dashboard";

    private static readonly string[] ReservedPaths = ["/graphql", "/healthz", "/metrics"];

    public bool Enabled { get; set; }

    /// <summary>Where the dashboard answers (its page and the API its page calls).</summary>
    public string Path { get; set; } = "/dashboard";

    /// <summary>How often every silo samples its counters for the dashboard (at least one second).</summary>
    public TimeSpan CounterUpdateInterval { get; set; } = TimeSpan.FromSeconds(5);

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!Path.StartsWith('/') || Path.Length < 2 || Path.EndsWith('/') || Path.Contains('?') || Path.Contains('#'))
        {
            problems.Add($"{nameof(Path)} must be a path of its own such as /dashboard (starting with '/', not ending with it); it is '{Path}'");
        }
        else if (ReservedPaths.Any(reserved => Path.Equals(reserved, StringComparison.OrdinalIgnoreCase)
                     || Path.StartsWith(reserved + "/", StringComparison.OrdinalIgnoreCase)))
        {
            problems.Add($"{nameof(Path)} '{Path}' is taken by the portal itself: choose another, such as /dashboard");
        }

        if (CounterUpdateInterval < TimeSpan.FromSeconds(1))
        {
            problems.Add($"{nameof(CounterUpdateInterval)} must be at least 00:00:01; it is {CounterUpdateInterval}");
        }

        return problems;
    }
}
