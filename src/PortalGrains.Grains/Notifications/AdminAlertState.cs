namespace PortalGrains.Grains.Notifications;

[GenerateSerializer]
public sealed class AdminAlertState
{
    /// <summary>Requests created since the last alert, oldest first.</summary>
    [Id(0)] public List<PendingAdminAlert> Pending { get; set; } = [];

    [Id(1)] public DateTimeOffset? LastSentAt { get; set; }

    /// <summary>Ids of the requests taken (bounded), so that an event handed over twice is listed once.</summary>
    [Id(2)] public List<string> TakenIds { get; set; } = [];

    /// <summary>The number of the next alert: part of its e-mails' dedup keys, so that a resent alert is mailed once.</summary>
    [Id(3)] public long NextBatch { get; set; }
}
