using PortalGrains.Abstractions.Webhooks;

namespace PortalGrains.Abstractions.Notifications;

/// <summary>
/// Alerts the portal's admins (<c>Portal:Notifications:AdminEmails</c>) to new PENDING access requests: at most one
/// mail per address every <c>Portal:Notifications:AdminAlertInterval</c>, listing the requests created since the last.
/// One grain (<see cref="Key"/>); requests are stored before <see cref="AddAsync"/> returns.
/// </summary>
[Alias("PortalGrains.Notifications.IAdminAlertGrain")]
public interface IAdminAlertGrain : IGrainWithIntegerKey
{
    const long Key = 0;

    /// <summary>Takes an ACCESS_REQUEST_CREATED event for the next alert; a request taken before is ignored.</summary>
    [Alias("Add")]
    Task AddAsync(WebhookEvent created, CancellationToken cancellationToken = default);

    /// <summary>Schedules the alert of what is waiting (after a restart).</summary>
    [Alias("Resume")]
    Task ResumeAsync(CancellationToken cancellationToken = default);
}
