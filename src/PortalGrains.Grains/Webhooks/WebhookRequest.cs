using System.Text;

namespace PortalGrains.Grains.Webhooks;

/// <summary>One attempt: where, the message id and attempt time that are signed with the body, and the signing secret (plaintext, never printed).</summary>
public sealed record WebhookRequest(string Url, string MessageId, DateTimeOffset Timestamp, string Body, string Secret)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Url = ").Append(Url).Append(", MessageId = ").Append(MessageId);
        return true;
    }
}
