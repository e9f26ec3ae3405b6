namespace PortalGrains.Grains.Notifications;

/// <summary>What became of one message. <see cref="Error"/> names the failure without addresses or content.</summary>
public sealed record EmailDeliveryResult(string MessageId, EmailDeliveryStatus Status, string? Error = null);
