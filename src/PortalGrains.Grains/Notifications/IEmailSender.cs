using PortalGrains.Abstractions.Notifications;

namespace PortalGrains.Grains.Notifications;

/// <summary>Hands messages to a mail server.</summary>
public interface IEmailSender
{
    /// <summary>
    /// Sends the messages in order over one connection and returns one result per message, in the same order.
    /// Failures are results, not exceptions; after a failure that affects the connection the remaining messages are
    /// <see cref="EmailDeliveryStatus.Deferred"/>. Cancellation defers what was not sent yet.
    /// </summary>
    Task<IReadOnlyList<EmailDeliveryResult>> SendAsync(IReadOnlyList<EmailMessage> messages, CancellationToken cancellationToken);
}
