namespace PortalGrains.GraphQL.Tests.Infrastructure;

public static class Repository
{
    /// <summary>The folder holding PortalGrains.sln, found above the test assembly.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PortalGrains.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("PortalGrains.sln not found above " + AppContext.BaseDirectory);
    }
}
