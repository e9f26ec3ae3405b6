using System.Threading.Channels;
using PortalGrains.Abstractions.AccessRequests;
using PortalGrains.GraphQL.Auth;
using PortalGrains.GraphQL.Execution;

namespace PortalGrains.GraphQL.Subscriptions;

/// <summary>
/// The source stream of one <c>accessRequestChanged</c> subscription: with an id, that request as it stands when the
/// subscription starts and then each change of it; without, every change. Only requests the viewer may see pass.
/// Changes wait in a small queue of their own, the oldest dropped when a slow client lets it fill.
/// </summary>
public sealed class AccessRequestChangeSource(
    AccessRequestChangeFeed feed,
    AccessRequestVisibility visibility,
    PortalUserContext portal,
    PortalUser viewer,
    string? id) : IObservable<AccessRequestView>
{
    private const int QueueCapacity = 64;

    public IDisposable Subscribe(IObserver<AccessRequestView> observer)
    {
        var queue = Channel.CreateBounded<AccessRequestView>(new BoundedChannelOptions(QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        var stop = CancellationTokenSource.CreateLinkedTokenSource(portal.CancellationToken);
        var subscription = feed.Subscribe(new QueueWriter(queue.Writer, id));
        _ = PumpAsync(queue.Reader, observer, stop.Token);
        return new Subscription(subscription, stop);
    }

    private async Task PumpAsync(ChannelReader<AccessRequestView> changes, IObserver<AccessRequestView> observer, CancellationToken cancellationToken)
    {
        DateTimeOffset? seen = null;
        try
        {
            if (id is not null && await portal.GetAccessRequestAsync(id) is { } current
                && await visibility.MaySeeAsync(viewer, current, cancellationToken))
            {
                seen = current.UpdatedAt;
                observer.OnNext(current);
            }

            while (await changes.WaitToReadAsync(cancellationToken))
            {
                while (changes.TryRead(out var change))
                {
                    // A change that happened before the first answer was read is already in it.
                    if ((seen is null || change.UpdatedAt > seen) && await visibility.MaySeeAsync(viewer, change, cancellationToken))
                    {
                        observer.OnNext(change);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            observer.OnError(e);
        }
    }

    private sealed class QueueWriter(ChannelWriter<AccessRequestView> queue, string? id) : IObserver<AccessRequestView>
    {
        public void OnNext(AccessRequestView value)
        {
            if (id is null || string.Equals(value.Id, id, StringComparison.Ordinal))
            {
                queue.TryWrite(value);
            }
        }

        public void OnError(Exception error) => queue.TryComplete(error);

        public void OnCompleted() => queue.TryComplete();
    }

    private sealed class Subscription(IDisposable feedSubscription, CancellationTokenSource stop) : IDisposable
    {
        public void Dispose()
        {
            feedSubscription.Dispose();
            stop.Cancel();
            stop.Dispose();
        }
    }
}
