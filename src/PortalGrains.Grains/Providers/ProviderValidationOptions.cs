namespace PortalGrains.Grains.Providers;

/// <summary>The <c>Portal:IdentityProviders</c> section: what provider settings admins may use.</summary>
public sealed class ProviderValidationOptions
{
    public const string SectionName = "Portal:IdentityProviders";

    /// <summary>Allow plain-http well-known and registration URLs on hosts other than loopback (development only).</summary>
    public bool AllowInsecureHttp { get; set; }
}
