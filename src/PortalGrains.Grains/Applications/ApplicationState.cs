namespace PortalGrains.Grains.Applications;

[GenerateSerializer]
public sealed class ApplicationState
{
    [Id(0)] public bool Exists { get; set; }
    [Id(1)] public string OwnerId { get; set; } = "";
    [Id(2)] public string Name { get; set; } = "";
    [Id(3)] public string? Description { get; set; }
    [Id(4)] public List<string> RedirectUris { get; set; } = [];
    [Id(5)] public List<string> AccessRequestIds { get; set; } = [];
    [Id(6)] public DateTimeOffset CreatedAt { get; set; }
    [Id(7)] public bool Deleted { get; set; }

    /// <summary>Desired state: the grants the application should hold, by access request id.</summary>
    [Id(8)] public Dictionary<string, GrantRecord> Grants { get; set; } = [];

    /// <summary>Stored before <see cref="Links"/> existed, see <see cref="ApplicationStateMigration"/>.</summary>
    [Obsolete("Read only to migrate: use Links.")]
    [Id(9)] public Dictionary<string, ObservedClient> Clients { get; set; } = [];

    /// <summary>Stored before <see cref="Links"/> existed, see <see cref="ApplicationStateMigration"/>.</summary>
    [Obsolete("Read only to migrate: use Links.")]
    [Id(10)] public Dictionary<string, JournalEntry> Journal { get; set; } = [];

    /// <summary>Stored before <see cref="Links"/> existed, see <see cref="ApplicationStateMigration"/>.</summary>
    [Obsolete("Read only to migrate: use Links.")]
    [Id(11)] public List<OrphanClient> Orphans { get; set; } = [];

    /// <summary>Stored before <see cref="Links"/> existed, see <see cref="ApplicationStateMigration"/>.</summary>
    [Obsolete("Read only to migrate: use Links.")]
    [Id(12)] public Dictionary<string, TimeSpan> RotationRequests { get; set; } = [];

    /// <summary>Stored before <see cref="Links"/> existed, see <see cref="ApplicationStateMigration"/>.</summary>
    [Obsolete("Read only to migrate: use Links.")]
    [Id(13)] public Dictionary<string, ProviderRetry> Retries { get; set; } = [];

    /// <summary>Grants removed from the desired state whose removal is not yet reported (revoked, or the application deleted).</summary>
    [Id(14)] public Dictionary<string, GrantRecord> Removed { get; set; } = [];

    /// <summary>The due time the pending-reconciliations index holds for the application, if it is listed there.</summary>
    [Id(17)] public DateTimeOffset? ListedDueAt { get; set; }

    /// <summary>Stored before <see cref="Links"/> existed, see <see cref="ApplicationStateMigration"/>.</summary>
    [Obsolete("Read only to migrate: use Links.")]
    [Id(18)] public HashSet<string> ExpiryRotations { get; set; } = [];

    /// <summary>Stored before <see cref="Links"/> existed, see <see cref="ApplicationStateMigration"/>.</summary>
    [Obsolete("Read only to migrate: use Links.")]
    [Id(16)] public List<string> UnsettledRegistrations { get; set; } = [];

    /// <summary>The most recent identity provider operations, newest last, for the audit (at most <see cref="ProvisioningOptions.MaxOperationsKept"/>).</summary>
    [Id(19)] public List<Abstractions.Applications.IdentityProviderOperationRecord> Operations { get; set; } = [];

    /// <summary>Stored before <see cref="Links"/> existed, see <see cref="ApplicationStateMigration"/>.</summary>
    [Obsolete("Read only to migrate: use Links.")]
    [Id(20)] public Dictionary<string, ProviderRetry> UnsettledSearchRetries { get; set; } = [];

    /// <summary>Stored before <see cref="Links"/> existed, see <see cref="ApplicationStateMigration"/>.</summary>
    [Obsolete("Read only to migrate: use Links.")]
    [Id(21)] public HashSet<string> UnsettledSearchStopped { get; set; } = [];

    /// <summary>When callers asked for secret rotations within the last hour, oldest first; at most the per-hour limit.</summary>
    [Id(22)] public List<DateTimeOffset> RecentRotationRequests { get; set; } = [];

    /// <summary>Where the identity provider fetches the application's public keys (private_key_jwt clients).</summary>
    [Id(23)] public string? JwksUri { get; set; }

    /// <summary>The subject DN of the application's client certificate (tls_client_auth clients, RFC 8705).</summary>
    [Id(24)] public string? TlsClientAuthSubjectDn { get; set; }

    /// <summary>The team the application belongs to; null for a personal application.</summary>
    [Id(25)] public string? TeamId { get; set; }

    /// <summary>Webhook events stored with the change they announce and not yet handed to the outbox (see StagedWebhookEvents).</summary>
    [Id(26)] public List<Abstractions.Webhooks.WebhookEvent> StagedWebhookEvents { get; set; } = [];

    /// <summary>The application's link with each provider it has (or had, or tried to have) a client at, by provider id.</summary>
    [Id(28)] public Dictionary<string, ProviderLink> Links { get; set; } = [];

    /// <summary>What the admin search index holds of the application, as last written there; null when it holds nothing.</summary>
    [Id(27)] public Abstractions.Applications.ApplicationSearchEntry? IndexedSearchEntry { get; set; }
}
