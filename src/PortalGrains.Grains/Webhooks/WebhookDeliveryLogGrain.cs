using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using PortalGrains.Abstractions.Webhooks;
using PortalGrains.Grains.Persistence;

namespace PortalGrains.Grains.Webhooks;

/// <summary>The last <c>Portal:Webhooks:DeliveriesKept</c> deliveries of one endpoint, as the outbox last reported them.</summary>
public sealed class WebhookDeliveryLogGrain(
    [PersistentState("webhookDeliveries")] IPersistentState<WebhookDeliveryLogState> state,
    IOptions<WebhookOptions> options) : Grain, IWebhookDeliveryLogGrain
{
    public async Task RecordAsync(ImmutableArray<WebhookDeliveryView> deliveries, CancellationToken cancellationToken = default)
    {
        await state.UpdateAsync(this, s =>
        {
            foreach (var delivery in deliveries)
            {
                var index = s.Deliveries.FindIndex(d => d.Id == delivery.Id);
                if (index >= 0)
                {
                    s.Deliveries[index] = delivery;
                }
                else
                {
                    s.Deliveries.Add(delivery);
                }
            }

            var excess = s.Deliveries.Count - Math.Max(1, options.Value.DeliveriesKept);
            if (excess > 0)
            {
                s.Deliveries.RemoveRange(0, excess);
            }

            return deliveries.Length > 0;
        }, cancellationToken);
    }

    public Task<ImmutableArray<WebhookDeliveryView>> ListAsync(int first, CancellationToken cancellationToken = default) =>
        Task.FromResult(state.State.Deliveries.AsEnumerable().Reverse().Take(Math.Max(0, first)).ToImmutableArray());
}
