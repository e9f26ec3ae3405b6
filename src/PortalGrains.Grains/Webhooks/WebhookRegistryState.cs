namespace PortalGrains.Grains.Webhooks;

[GenerateSerializer]
public sealed class WebhookRegistryState
{
    [Id(0)] public Dictionary<string, WebhookEndpoint> Endpoints { get; set; } = [];
}
