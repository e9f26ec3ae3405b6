using System.Collections.Immutable;
using PortalGrains.Abstractions.Common;

namespace PortalGrains.Abstractions.Webhooks;

/// <summary>The webhook endpoints admins registered (one grain, <see cref="Key"/>); secrets stored encrypted.</summary>
[Alias("PortalGrains.Webhooks.IWebhookRegistryGrain")]
public interface IWebhookRegistryGrain : IGrainWithStringKey
{
    const string Key = "webhooks";

    /// <summary>Creates (with <paramref name="id"/>, or a new one) or replaces an endpoint; admins only.</summary>
    [Alias("Upsert")]
    Task<CommandResult<WebhookSaved>> UpsertAsync(string? id, WebhookUpsert webhook, Caller caller, CancellationToken cancellationToken = default);

    [Alias("Delete")]
    Task<CommandResult<string>> DeleteAsync(string id, Caller caller, CancellationToken cancellationToken = default);

    [Alias("List")]
    Task<ImmutableArray<WebhookView>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>The active endpoints subscribed to <paramref name="type"/>.</summary>
    [Alias("GetTargets")]
    Task<ImmutableArray<WebhookTarget>> GetTargetsAsync(WebhookEventType type, CancellationToken cancellationToken = default);

    /// <summary>Whether the endpoint still exists and is active (a delivery to one that is not is dropped).</summary>
    [Alias("GetTarget")]
    Task<WebhookTarget?> GetTargetAsync(string endpointId, CancellationToken cancellationToken = default);

    /// <summary>Turns an endpoint off (it answered 410 Gone); an admin turns it on again with upsertWebhook.</summary>
    [Alias("Disable")]
    Task DisableAsync(string endpointId, string reason, CancellationToken cancellationToken = default);
}
