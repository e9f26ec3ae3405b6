using PortalGrains.Abstractions.Webhooks;

namespace PortalGrains.Grains.Webhooks;

[GenerateSerializer]
public sealed class WebhookEndpoint
{
    [Id(0)] public string Id { get; set; } = "";
    [Id(1)] public string Url { get; set; } = "";
    [Id(2)] public List<WebhookEventType> Events { get; set; } = [];
    [Id(3)] public bool Active { get; set; }

    /// <summary>The signing secret, encrypted with the secret protector.</summary>
    [Id(4)] public string ProtectedSecret { get; set; } = "";
    [Id(5)] public DateTimeOffset CreatedAt { get; set; }
    [Id(6)] public DateTimeOffset UpdatedAt { get; set; }
    [Id(7)] public string? DisabledReason { get; set; }

    public WebhookView View() => new(Id, Url, [.. Events], Active, CreatedAt, UpdatedAt, DisabledReason);

    public WebhookTarget Target() => new(Id, Url, ProtectedSecret);
}
