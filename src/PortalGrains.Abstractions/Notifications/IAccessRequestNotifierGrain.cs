using PortalGrains.Abstractions.AccessRequests;

namespace PortalGrains.Abstractions.Notifications;

/// <summary>
/// Turns an access request's status change into an e-mail to its developer and stores it in the outbox. A stateless
/// worker: any silo serves it, locally. Call it through <see cref="AccessRequestNotifications.NotifyStatusAsync"/>.
/// </summary>
[Alias("PortalGrains.Notifications.IAccessRequestNotifierGrain")]
public interface IAccessRequestNotifierGrain : IGrainWithIntegerKey
{
    [Alias("NotifyStatus")]
    Task<bool> NotifyStatusAsync(AccessRequestView view, string? reason, CancellationToken cancellationToken = default);
}
