namespace PortalGrains.Grains.Applications;

[GenerateSerializer]
public sealed class ClientOwnershipState
{
    [Id(0)] public string? ApplicationId { get; set; }
}
