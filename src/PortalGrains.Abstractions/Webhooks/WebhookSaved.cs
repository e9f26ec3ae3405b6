using System.Text;

namespace PortalGrains.Abstractions.Webhooks;

/// <summary>What <c>upsertWebhook</c> returns: the endpoint, and its signing secret when this call created or replaced it (only then).</summary>
[GenerateSerializer, Immutable]
public sealed record WebhookSaved(
    [property: Id(0)] WebhookView Webhook,
    [property: Id(1)] string? Secret)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Webhook = ").Append(Webhook.Id);
        return true;
    }
}
