using System.Xml.Linq;

namespace PortalGrains.IntegrationTests.Security;

/// <summary>
/// With Portal:Secrets:KeyEncryptionCertificatePath set, the Data Protection keys that encrypt the stored secrets are
/// themselves stored encrypted to that certificate (XML Encryption), so the storage account alone reveals nothing.
/// Without it they are stored in plaintext (Data Protection warns "No XML encryptor configured").
/// </summary>
public sealed class EncryptedKeyRingTests(EncryptedKeyRingHost fixture) : IClassFixture<EncryptedKeyRingHost>
{
    private static readonly XNamespace XmlEncryption = "http://www.w3.org/2001/04/xmlenc#";

    [Fact]
    public async Task The_stored_key_ring_is_encrypted_to_the_certificate_and_the_secrets_it_protects_still_work()
    {
        // The flow registered a client with the decrypted initial access token and rotated it with the decrypted
        // registration access token: the keys decrypt with the certificate.
        Assert.NotEqual(fixture.Flow.ClientSecret, fixture.Flow.RotatedClientSecret);

        var keys = await StoredRows.KeyRingAsync(fixture.KeyTableName);

        Assert.NotEmpty(keys);
        foreach (var xml in keys)
        {
            var key = XElement.Parse(xml);
            Assert.DoesNotContain(key.Descendants(), e => e.Name.LocalName == "masterKey");
            var encrypted = Assert.Single(key.Descendants(XmlEncryption + "EncryptedData"));
            Assert.Contains(Convert.ToBase64String(fixture.Certificate.RawData), encrypted.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void No_secret_and_no_login_token_appears_in_the_host_output_at_trace_level()
    {
        var logs = fixture.Host.Logs;

        Assert.Contains("trce:", logs, StringComparison.Ordinal);
        LogAssertions.AssertNoSecrets(logs, fixture.Flow);
    }
}
