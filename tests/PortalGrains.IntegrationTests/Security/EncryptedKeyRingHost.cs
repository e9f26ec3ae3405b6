using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Azure.Data.Tables;
using PortalGrains.IntegrationTests.Infrastructure;
using PortalGrains.Testing;

namespace PortalGrains.IntegrationTests.Security;

/// <summary>
/// A host of its own whose Data Protection key ring lives in a fresh table and is encrypted with a self-signed
/// certificate made for it (Portal:Secrets:KeyEncryptionCertificatePath), logging at Trace for the categories that
/// handle secrets (the portal's own, the HTTP client, authentication, Data Protection); a <see cref="SecretFlow"/> has
/// run through it once it is up.
/// </summary>
public sealed class EncryptedKeyRingHost : IAsyncLifetime
{
    private const string CertificatePassword = "key-encryption-test";
    private readonly string _certificatePath = Path.Combine(Path.GetTempPath(), $"portalgrains-kek-{Guid.NewGuid():N}.pfx");

    public string KeyTableName { get; } = "PortalKeysTest" + Guid.NewGuid().ToString("N")[..12];

    public X509Certificate2 Certificate { get; private set; } = null!;

    public PortalHost Host { get; private set; } = null!;

    public SecretFlow Flow { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=PortalGrains key encryption test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment, critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        await File.WriteAllBytesAsync(_certificatePath, certificate.Export(X509ContentType.Pfx, CertificatePassword));
        Certificate = X509CertificateLoader.LoadCertificate(certificate.RawData);

        Host = new PortalHost
        {
            ExtraEnvironment = new Dictionary<string, string>
            {
                ["Portal__Secrets__KeyEncryptionCertificatePath"] = _certificatePath,
                ["Portal__Secrets__KeyEncryptionCertificatePassword"] = CertificatePassword,
                ["Portal__Secrets__KeyTableName"] = KeyTableName,
                ["Logging__LogLevel__PortalGrains"] = "Trace",
                ["Logging__LogLevel__System.Net.Http"] = "Trace",
                ["Logging__LogLevel__Microsoft.AspNetCore.Authentication"] = "Trace",
                ["Logging__LogLevel__Microsoft.AspNetCore.DataProtection"] = "Trace",
            },
        };
        await Host.InitializeAsync();
        Flow = await SecretFlow.RunAsync(Host);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        Certificate.Dispose();
        File.Delete(_certificatePath);
        await new TableClient(TestServers.AzureTables, KeyTableName).DeleteAsync();
    }
}
