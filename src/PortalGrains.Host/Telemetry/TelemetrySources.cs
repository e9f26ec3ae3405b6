namespace PortalGrains.Host.Telemetry;

/// <summary>The activity sources and meters the portal records.</summary>
public static class TelemetrySources
{
    /// <summary>Grain calls, as Orleans names its sources (Orleans.Diagnostics.ActivitySources).</summary>
    public static readonly string[] OrleansActivitySources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    /// <summary>The portal's own sources and meters: PortalGrains.IdentityProviders and any later PortalGrains.* one.</summary>
    public const string PortalWildcard = "PortalGrains.*";

    /// <summary>Orleans' meter: messaging, activations, membership, storage.</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    /// <summary>The runtime's built-in meter (.NET 9+): GC, thread pool, exceptions.</summary>
    public const string RuntimeMeter = "System.Runtime";
}
