using PortalGrains.Abstractions.Notifications;
using PortalGrains.Grains.Notifications;

namespace PortalGrains.Grains.Tests.Notifications;

/// <summary>The real MailKit sender, counting the outcomes it reports so that tests can wait for an attempt.</summary>
public sealed class ObservingEmailSender(MailKitEmailSender inner) : IEmailSender
{
    private int _accepted;
    private int _rejected;
    private int _deferred;

    public int Accepted => Volatile.Read(ref _accepted);

    public int Rejected => Volatile.Read(ref _rejected);

    public int Deferred => Volatile.Read(ref _deferred);

    public async Task<IReadOnlyList<EmailDeliveryResult>> SendAsync(IReadOnlyList<EmailMessage> messages, CancellationToken cancellationToken)
    {
        var results = await inner.SendAsync(messages, cancellationToken);
        foreach (var result in results)
        {
            _ = result.Status switch
            {
                EmailDeliveryStatus.Accepted => Interlocked.Increment(ref _accepted),
                EmailDeliveryStatus.Rejected => Interlocked.Increment(ref _rejected),
                _ => Interlocked.Increment(ref _deferred),
            };
        }

        return results;
    }
}
