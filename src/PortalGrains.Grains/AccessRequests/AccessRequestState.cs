using PortalGrains.Abstractions.AccessRequests;
using PortalGrains.Abstractions.Webhooks;

namespace PortalGrains.Grains.AccessRequests;

[GenerateSerializer]
public sealed class AccessRequestState
{
    /// <summary>The request, its status and history; null until created.</summary>
    [Id(0)] public AccessRequestView? Request { get; set; }

    /// <summary>
    /// The status the admin indexes were last brought in line with. The indexes are updated after a change is
    /// stored; when this differs from the status, an update was interrupted and is repeated.
    /// </summary>
    [Id(1)] public AccessRequestStatus? IndexedStatus { get; set; }

    /// <summary>Revoked while the application held or was provisioning the grant, and the application has not taken the revocation yet.</summary>
    [Id(2)] public bool GrantReleasePending { get; set; }

    /// <summary>Statuses of history entries dropped by the cap that the admin indexes may still list the request under.</summary>
    [Id(3)] public List<AccessRequestStatus> TrimmedStatuses { get; set; } = [];

    /// <summary>How many history entries the cap dropped.</summary>
    [Id(4)] public int HistoryDropped { get; set; }

    /// <summary>Webhook events stored with the change they announce and not yet handed to the outbox (see StagedWebhookEvents).</summary>
    [Id(5)] public List<WebhookEvent> StagedWebhookEvents { get; set; } = [];
}
