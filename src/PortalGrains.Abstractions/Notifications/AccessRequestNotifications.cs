using PortalGrains.Abstractions.AccessRequests;

namespace PortalGrains.Abstractions.Notifications;

public static class AccessRequestNotifications
{
    /// <summary>
    /// E-mails the request's developer about its new status when the status is ACTIVE (where to read the credentials;
    /// never the secret), REJECTED (with <paramref name="reason"/>, or the note of the rejection) or FAILED (the short
    /// developer message and its reference id). Does nothing for other statuses, when the developer has no e-mail
    /// address, or when notifications are disabled. Idempotent per status change, so calling it again after a retry
    /// sends nothing twice. Returns once the message is stored in the outbox (sending happens in the background);
    /// returns whether a message was queued, and throws when storing failed.
    /// </summary>
    public static Task<bool> NotifyStatusAsync(
        this IGrainFactory grains, AccessRequestView view, string? reason, CancellationToken cancellationToken = default) =>
        grains.GetGrain<IAccessRequestNotifierGrain>(0).NotifyStatusAsync(view, reason, cancellationToken);
}
