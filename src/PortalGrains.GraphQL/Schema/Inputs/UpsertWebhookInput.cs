using PortalGrains.Abstractions.Webhooks;

namespace PortalGrains.GraphQL.Schema.Inputs;

public sealed class UpsertWebhookInput
{
    public string? Id { get; set; }
    public string Url { get; set; } = string.Empty;
    public List<WebhookEventType> Events { get; set; } = [];
    public string? Secret { get; set; }
    public bool Active { get; set; } = true;
}
