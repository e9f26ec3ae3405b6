namespace PortalGrains.Bench.Infrastructure;

/// <summary>Where the bench finds the repository's parts: the built host, the dev IdP, Azurite.</summary>
public static class RepositoryLayout
{
    public static string Root { get; } = FindRoot();

    public static string DevIdpDirectory => Path.Combine(Root, "deploy", "dev-idp");

    public static string AzuriteTableCommand => Path.Combine(Root, "Azurite", "node_modules", ".bin", "azurite-table");

    /// <summary>The built host: Release when it is built, else Debug (or the configuration asked for).</summary>
    public static string HostAssembly(string? configuration)
    {
        foreach (var candidate in configuration is null ? ["Release", "Debug"] : new[] { configuration })
        {
            var path = Path.Combine(Root, "src", "PortalGrains.Host", "bin", candidate, "net10.0", "PortalGrains.Host.dll");
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new InvalidOperationException(
            "PortalGrains.Host is not built: run `dotnet build -c Release src/PortalGrains.Host` (or pass --host PATH).");
    }

    private static string FindRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "PortalGrains.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("PortalGrains.sln not found above " + AppContext.BaseDirectory);
    }
}
