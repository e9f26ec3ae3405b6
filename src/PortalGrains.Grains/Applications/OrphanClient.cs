namespace PortalGrains.Grains.Applications;

/// <summary>A client the application no longer uses (replaced, or a duplicate) that must be deleted at its identity provider.</summary>
[GenerateSerializer]
public sealed class OrphanClient
{
    [Id(0)] public string ProviderId { get; set; } = "";
    [Id(1)] public ObservedClient Client { get; set; } = new();
    [Id(2)] public DateTimeOffset DeleteAfter { get; set; }
    [Id(3)] public string Reason { get; set; } = "";
}
