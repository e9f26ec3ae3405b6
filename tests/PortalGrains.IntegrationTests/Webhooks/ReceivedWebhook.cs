using System.Text.Json;

namespace PortalGrains.IntegrationTests.Webhooks;

/// <summary>One request the receiver got, with the status it answered (null: it held the request and never answered).</summary>
public sealed record ReceivedWebhook(string Id, long Timestamp, string Signature, string Body, bool SignatureValid, int? Answered)
{
    public JsonElement Payload => JsonDocument.Parse(Body).RootElement;

    public string Type => Payload.GetProperty("type").GetString()!;

    /// <summary>The subject's id: data.id, or data.application.id for CREDENTIALS_ROTATED.</summary>
    public string SubjectId => Payload.GetProperty("data").TryGetProperty("application", out var application) && Type == "CREDENTIALS_ROTATED"
        ? application.GetProperty("id").GetString()!
        : Payload.GetProperty("data").GetProperty("id").GetString()!;
}
