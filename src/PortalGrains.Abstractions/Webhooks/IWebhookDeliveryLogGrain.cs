using System.Collections.Immutable;

namespace PortalGrains.Abstractions.Webhooks;

/// <summary>The newest deliveries of one endpoint (keyed by endpoint id), for admins.</summary>
[Alias("PortalGrains.Webhooks.IWebhookDeliveryLogGrain")]
public interface IWebhookDeliveryLogGrain : IGrainWithStringKey
{
    /// <summary>Adds or updates deliveries (by id); the oldest beyond the cap are forgotten.</summary>
    [Alias("Record")]
    Task RecordAsync(ImmutableArray<WebhookDeliveryView> deliveries, CancellationToken cancellationToken = default);

    /// <summary>The newest <paramref name="first"/> deliveries, newest first.</summary>
    [Alias("List")]
    Task<ImmutableArray<WebhookDeliveryView>> ListAsync(int first, CancellationToken cancellationToken = default);
}
