namespace PortalGrains.Grains.Applications;

/// <summary>A registration whose outcome was lost: the identity provider may hold a client the portal never learned of.</summary>
[GenerateSerializer]
public sealed class UnsettledRegistration
{
    [Id(0)] public string OperationId { get; set; } = "";
    [Id(1)] public DateTimeOffset StartedAt { get; set; }

    public override string ToString() => $"operation {OperationId} at {StartedAt:O}";
}
