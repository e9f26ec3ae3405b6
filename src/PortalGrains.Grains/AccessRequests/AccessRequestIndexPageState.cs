namespace PortalGrains.Grains.AccessRequests;

[GenerateSerializer]
public sealed class AccessRequestIndexPageState
{
    /// <summary>In the index order (see <see cref="AccessRequestIndexOrder"/>).</summary>
    [Id(0)] public List<AccessRequestIndexEntry> Entries { get; set; } = [];
}
