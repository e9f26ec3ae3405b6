using PortalGrains.Grains.Common;

namespace PortalGrains.Grains.Applications;

/// <summary>
/// Everything the application holds about its link with one provider: the observed client, the operation in flight,
/// background retries, replaced clients, rotation requests and registrations whose outcome was lost.
/// </summary>
[GenerateSerializer]
public sealed class ProviderLink
{
    /// <summary>The client the identity provider holds for the application; null when it holds none.</summary>
    [Id(0)] public ObservedClient? Client { get; set; }

    /// <summary>The operation sent and not yet settled.</summary>
    [Id(1)] public JournalEntry? Journal { get; set; }

    /// <summary>Background retries of the provider's reconciliation after transient failures.</summary>
    [Id(2)] public ProviderRetry? Retry { get; set; }

    /// <summary>
    /// Replaced clients (or previous secrets) still held at the identity provider: in a grace period (at most
    /// <see cref="ProvisioningOptions.MaxClientsInGracePeriod"/> across the application), or due for deletion.
    /// </summary>
    [Id(3)] public List<OrphanClient> Orphans { get; set; } = [];

    /// <summary>The client's secret must be rotated, with this grace period for the old secret.</summary>
    [Id(4)] public TimeSpan? RotationRequest { get; set; }

    /// <summary>The rotation was started by the portal because the secret is about to expire.</summary>
    [Id(5)] public bool ExpiryRotation { get; set; }

    /// <summary>
    /// Registrations whose outcome was lost (a possible duplicate client at the identity provider); cleared once the
    /// identity provider was searched for the clients they left.
    /// </summary>
    [Id(6)] public List<UnsettledRegistration> UnsettledRegistrations { get; set; } = [];

    /// <summary>Background retries of the search for clients left by unsettled registrations.</summary>
    [Id(7)] public ProviderRetry? UnsettledSearchRetry { get; set; }

    /// <summary>
    /// The unsettled registrations are not searched for (the identity provider offers no search, or the search failed
    /// for good): they stay recorded for an admin until a new one is added.
    /// </summary>
    [Id(8)] public bool UnsettledSearchStopped { get; set; }

    /// <summary>
    /// The links as read from storage, with the text that every application's links repeat (provider ids, the clients'
    /// issuer and metadata) replaced by the process's shared instances.
    /// </summary>
    public static Dictionary<string, ProviderLink> ShareRepeatedText(Dictionary<string, ProviderLink> links)
    {
        if (links.Count == 0)
        {
            return links;
        }

        foreach (var link in links.Values)
        {
            link.Client?.ShareRepeatedText();
            foreach (var orphan in link.Orphans)
            {
                orphan.Client.ShareRepeatedText();
            }
        }

        return links.ToDictionary(l => SharedStrings.Process.Share(l.Key), l => l.Value);
    }

    /// <summary>Nothing is held or pending: the link need not be stored.</summary>
    public bool HoldsNothing() =>
        Client is null && Journal is null && Retry is null && Orphans.Count == 0 && RotationRequest is null && !ExpiryRotation
        && UnsettledRegistrations.Count == 0 && UnsettledSearchRetry is null && !UnsettledSearchStopped;
}
