using PortalGrains.Configuration;

namespace PortalGrains.Grains.Catalog;

/// <summary>The <c>Portal:Catalog</c> section.</summary>
public sealed class CatalogCacheOptions : IProblemReportingOptions
{
    public const string SectionName = "Portal:Catalog";

    /// <summary>
    /// How long a silo serves its copy of the catalogue before asking the catalogue grain for its version again
    /// (a change made on another silo shows here after at most this long).
    /// </summary>
    public TimeSpan VersionCheckInterval { get; set; } = TimeSpan.FromMilliseconds(1000);

    public IReadOnlyList<string> Validate() =>
        VersionCheckInterval > TimeSpan.Zero && VersionCheckInterval <= TimeSpan.FromHours(1)
            ? []
            : [$"{nameof(VersionCheckInterval)} must be positive and at most one hour"];
}
