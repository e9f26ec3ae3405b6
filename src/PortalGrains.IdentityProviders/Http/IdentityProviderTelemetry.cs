namespace PortalGrains.IdentityProviders.Http;

/// <summary>Names under which the identity provider layer publishes metrics.</summary>
public static class IdentityProviderTelemetry
{
    /// <summary>The System.Diagnostics.Metrics meter of the discovery cache and the HTTP layer.</summary>
    public const string MeterName = "PortalGrains.IdentityProviders";
}
