using PortalGrains.Abstractions.Applications;

namespace PortalGrains.Grains.Applications;

[GenerateSerializer]
public sealed class ApplicationSearchPageState
{
    /// <summary>In the index order: newest first, then by id (see <see cref="ApplicationSearchEntries"/>).</summary>
    [Id(0)] public List<ApplicationSearchEntry> Entries { get; set; } = [];
}
