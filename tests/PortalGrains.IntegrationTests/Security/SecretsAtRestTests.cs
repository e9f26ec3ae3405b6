using System.Text.RegularExpressions;
using PortalGrains.IntegrationTests.Infrastructure;

namespace PortalGrains.IntegrationTests.Security;

/// <summary>
/// Reads the raw grain state rows a host wrote to Azure Table storage after a full flow, as anyone with access to the
/// storage account could, and finds no secret in any readable form: only Data Protection payloads stand in for them.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class SecretsAtRestTests(PortalHost host)
{
    /// <summary>ASP.NET Core Data Protection payloads start with the magic header 0x09F0C9F0, "CfDJ8" in base64url.</summary>
    private const string DataProtectionPrefix = "CfDJ8";

    [Fact]
    public async Task No_secret_is_stored_in_plaintext_and_each_is_a_data_protection_payload()
    {
        var flow = await SecretFlow.RunAsync(host);

        var rows = await StoredRows.GrainStateOfAsync(host.ServiceId);

        // The search finds what is there: the client id (not a secret) is stored in the application's row.
        var application = Assert.Single(rows, r => r.PartitionKey.EndsWith("~." + flow.ApplicationId, StringComparison.Ordinal));
        Assert.NotNull(PlaintextSearch.Find(application.Payload, flow.ClientId));
        foreach (var (name, secret) in flow.StoredSecrets)
        {
            foreach (var row in rows)
            {
                Assert.True(PlaintextSearch.Find(row.Payload, secret) is null,
                    $"{name} is readable ({PlaintextSearch.Find(row.Payload, secret)}) in {row.PartitionKey} / {row.RowKey}");
            }
        }

        // The stored client holds its secret and registration access token as Data Protection payloads.
        AssertProtected(application, "ProtectedClientSecret", flow.RotatedClientSecret);
        AssertProtected(application, "ProtectedRegistrationAccessToken", null);
        AssertProtected(ProviderRow(rows, flow.RegistrationProviderId), "ProtectedInitialAccessToken", flow.RegistrationInitialAccessToken);
        AssertProtected(ProviderRow(rows, flow.StaticTokenProviderId), "ProtectedInitialAccessToken", flow.UniqueInitialAccessToken);
        AssertProtected(ProviderRow(rows, flow.TokenClientProviderId), "ProtectedInitialAccessTokenClientSecret", flow.InitialTokenClientSecret);
    }

    private static StoredRows ProviderRow(IReadOnlyList<StoredRows> rows, string providerId) =>
        Assert.Single(rows, r => r.PartitionKey.EndsWith("~." + providerId, StringComparison.Ordinal));

    private static void AssertProtected(StoredRows row, string field, string? plaintext)
    {
        var values = Regex.Matches(row.Text, $"\"{field}\"\\s*:\\s*\"([^\"]*)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.True(values.Count > 0, $"no {field} with a value in {row.PartitionKey}: {row.Text}");
        foreach (var value in values)
        {
            Assert.StartsWith(DataProtectionPrefix, value);
            Assert.True(value.Length > 60, $"{field} is too short to be a protected payload: {value}");
            if (plaintext is not null)
            {
                Assert.DoesNotContain(plaintext, value, StringComparison.Ordinal);
            }
        }
    }
}
