using Microsoft.Extensions.Time.Testing;

namespace PortalGrains.Gateway.Tests;

/// <summary>
/// A fake clock that can hold one reader inside <see cref="GetUtcNow"/>, so that a test can act while another thread
/// is stopped at a known point of the code under test.
/// </summary>
public sealed class PausingTimeProvider() : FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero))
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly ManualResetEventSlim _paused = new();
    private readonly ManualResetEventSlim _resumed = new();
    private int _readsUntilPause;

    /// <summary>The <paramref name="read"/>-th read of the clock from now on (1 is the next) waits for <see cref="Resume"/>.</summary>
    public void PauseAtRead(int read) => Volatile.Write(ref _readsUntilPause, read);

    /// <summary>Waits until a reader is held (a deadline, not a delay: it fails only if the reader never comes).</summary>
    public void WaitUntilPaused() => Assert.True(_paused.Wait(Deadline), "no reader reached the paused clock read");

    public void Resume() => _resumed.Set();

    public override DateTimeOffset GetUtcNow()
    {
        if (Volatile.Read(ref _readsUntilPause) > 0 && Interlocked.Decrement(ref _readsUntilPause) == 0)
        {
            _paused.Set();
            _resumed.Wait(Deadline);
        }

        return base.GetUtcNow();
    }
}
