using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using PortalGrains.GraphQL.Hosting;

namespace PortalGrains.GraphQL.Subscriptions;

/// <summary>Counts the open subscription connections (WebSockets and SSE streams) of each user on this silo.</summary>
public sealed class SubscriptionConnectionLimiter(IOptions<GraphQLHostingOptions> options)
{
    private readonly ConcurrentDictionary<string, int> _open = new(StringComparer.Ordinal);

    /// <summary>A lease on one more connection of <paramref name="userId"/>, or null when the user has the most allowed.</summary>
    public IDisposable? TryAcquire(string userId)
    {
        var max = options.Value.MaxConnectionsPerUser;
        while (true)
        {
            var count = _open.GetOrAdd(userId, 0);
            if (count >= max)
            {
                return null;
            }

            if (_open.TryUpdate(userId, count + 1, count))
            {
                return new Lease(this, userId);
            }
        }
    }

    public int OpenConnections(string userId) => _open.TryGetValue(userId, out var count) ? count : 0;

    private void Release(string userId)
    {
        while (_open.TryGetValue(userId, out var count))
        {
            if (count <= 1 ? _open.TryRemove(new KeyValuePair<string, int>(userId, count)) : _open.TryUpdate(userId, count - 1, count))
            {
                return;
            }
        }
    }

    private sealed class Lease(SubscriptionConnectionLimiter limiter, string userId) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                limiter.Release(userId);
            }
        }
    }
}
