using System.Collections.Immutable;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Streams;
using PortalGrains.Abstractions.AccessRequests;

namespace PortalGrains.GraphQL.Subscriptions;

/// <summary>
/// This silo's one subscription to the access request change stream, fanned out in memory to the live subscriptions
/// of its connections. An idle subscription costs an entry in a list here, and no grain activation.
/// </summary>
public sealed class AccessRequestChangeFeed(IClusterClient client, ILogger<AccessRequestChangeFeed> logger)
    : IHostedService, IObservable<AccessRequestView>
{
    private ImmutableArray<IObserver<AccessRequestView>> _observers = [];
    private StreamSubscriptionHandle<AccessRequestView>? _subscription;

    public int ObserverCount => _observers.Length;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var stream = client.GetStreamProvider(AccessRequestChanges.StreamProvider)
            .GetStream<AccessRequestView>(StreamId.Create(AccessRequestChanges.StreamNamespace, AccessRequestChanges.StreamKey));
        _subscription = await stream.SubscribeAsync(OnNextAsync);
        SubscriptionLog.FeedSubscribed(logger);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // Leaves the stream's pub/sub state, so that no silo that is gone stays a subscriber.
        if (_subscription is { } subscription)
        {
            _subscription = null;
            try
            {
                await subscription.UnsubscribeAsync();
            }
            catch (Exception e)
            {
                SubscriptionLog.FeedUnsubscribeFailed(logger, e);
            }
        }
    }

    public IDisposable Subscribe(IObserver<AccessRequestView> observer)
    {
        ImmutableInterlocked.Update(ref _observers, list => list.Add(observer));
        return new Unsubscriber(this, observer);
    }

    /// <summary>Hands a change to every live subscription; their own queues keep this from waiting on any of them.</summary>
    public void Publish(AccessRequestView change)
    {
        foreach (var observer in _observers)
        {
            observer.OnNext(change);
        }
    }

    private Task OnNextAsync(AccessRequestView change, StreamSequenceToken? token)
    {
        Publish(change);
        return Task.CompletedTask;
    }

    private sealed class Unsubscriber(AccessRequestChangeFeed feed, IObserver<AccessRequestView> observer) : IDisposable
    {
        public void Dispose() => ImmutableInterlocked.Update(ref feed._observers, list => list.Remove(observer));
    }
}
