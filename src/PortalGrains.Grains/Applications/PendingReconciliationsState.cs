namespace PortalGrains.Grains.Applications;

[GenerateSerializer]
public sealed class PendingReconciliationsState
{
    [Id(0)] public HashSet<string> ApplicationIds { get; set; } = new(StringComparer.Ordinal);
}
