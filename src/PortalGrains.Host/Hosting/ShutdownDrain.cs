namespace PortalGrains.Host.Hosting;

/// <summary>Whether this process is draining: it has been asked to stop and tells health probes so.</summary>
public sealed class ShutdownDrain
{
    private volatile bool _draining;

    public bool IsDraining => _draining;

    public void Begin() => _draining = true;
}
