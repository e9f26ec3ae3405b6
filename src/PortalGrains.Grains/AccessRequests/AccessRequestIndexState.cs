namespace PortalGrains.Grains.AccessRequests;

[GenerateSerializer]
public sealed class AccessRequestIndexState
{
    /// <summary>Newest first; ties in time ordered by id (see <see cref="AccessRequestIndexOrder"/>).</summary>
    [Id(0)] public List<AccessRequestIndexEntry> Entries { get; set; } = [];
}
