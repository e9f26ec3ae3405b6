namespace PortalGrains.Grains.Providers;

[GenerateSerializer]
public sealed class ProviderDirectoryState
{
    [Id(0)] public SortedSet<string> ProviderIds { get; set; } = new(StringComparer.Ordinal);
}
