namespace PortalGrains.Grains.Applications;

[GenerateSerializer]
public sealed class PendingReconciliationsState
{
    /// <summary>When each application's next identity provider work is due.</summary>
    [Id(1)] public Dictionary<string, DateTimeOffset> DueAt { get; set; } = new(StringComparer.Ordinal);
}
