namespace PortalGrains.Grains.Notifications;

/// <summary>A new access request waiting for the next admin alert.</summary>
[GenerateSerializer]
public sealed class PendingAdminAlert
{
    [Id(0)] public string RequestId { get; set; } = "";
    [Id(1)] public string DeveloperId { get; set; } = "";
    [Id(2)] public string ProductId { get; set; } = "";
    [Id(3)] public string PlanId { get; set; } = "";
    [Id(4)] public DateTimeOffset CreatedAt { get; set; }
}
