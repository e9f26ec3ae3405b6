using System.Diagnostics;

namespace PortalGrains.Bench.Infrastructure;

/// <summary>Polls a condition with a deadline.</summary>
public static class Waiting
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what, TimeSpan? interval = null)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        Exception? last = null;
        while (true)
        {
            try
            {
                var value = await probe();
                if (done(value))
                {
                    return value;
                }
            }
            catch (Exception e) when (e is HttpRequestException or IOException or System.Net.Sockets.SocketException or TaskCanceledException or InvalidOperationException)
            {
                last = e;
            }

            if (Stopwatch.GetTimestamp() >= deadline)
            {
                throw new TimeoutException($"{what} did not happen within {timeout}.", last);
            }

            await Task.Delay(interval ?? TimeSpan.FromMilliseconds(50));
        }
    }
}
