using PortalGrains.Configuration;

namespace PortalGrains.Host.Secrets;

/// <summary>The <c>Portal:Secrets</c> section: how the key ring that encrypts stored secrets is itself protected.</summary>
public sealed class SecretsOptions : IProblemReportingOptions
{
    public const string SectionName = "Portal:Secrets";

    /// <summary>A PFX certificate whose key encrypts the Data Protection keys at rest (the same on every silo).</summary>
    public string? KeyEncryptionCertificatePath { get; set; }

    public string? KeyEncryptionCertificatePassword { get; set; }

    public string KeyTableName { get; set; } = "PortalDataProtectionKeys";

    public IReadOnlyList<string> Validate() =>
        string.IsNullOrWhiteSpace(KeyTableName) ? [$"{nameof(KeyTableName)} must not be empty"] : [];
}
