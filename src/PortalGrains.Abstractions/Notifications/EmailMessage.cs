using System.Text;

namespace PortalGrains.Abstractions.Notifications;

/// <summary>
/// One plain-text e-mail waiting in an outbox. <see cref="DedupKey"/> names the event it announces (for example
/// "{accessRequestId}:ACTIVE:1"): an outbox queues and sends one message per key. Bodies never carry a secret;
/// still, the printed form leaves out the address, subject and body.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record EmailMessage(
    [property: Id(0)] string MessageId,
    [property: Id(1)] string To,
    [property: Id(2)] string Subject,
    [property: Id(3)] string TextBody,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] string DedupKey)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("MessageId = ").Append(MessageId).Append(", DedupKey = ").Append(DedupKey);
        return true;
    }
}
