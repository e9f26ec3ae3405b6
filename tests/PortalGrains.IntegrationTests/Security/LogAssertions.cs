namespace PortalGrains.IntegrationTests.Security;

/// <summary>Checks a host's captured output against the secrets of a <see cref="SecretFlow"/>.</summary>
public static class LogAssertions
{
    public static void AssertNoSecrets(string logs, SecretFlow flow)
    {
        // The capture holds this flow's lines (providers are logged by id when saved), so an absence means something.
        Assert.Contains(flow.StaticTokenProviderId, logs, StringComparison.Ordinal);
        foreach (var (name, secret) in flow.StoredSecrets)
        {
            Assert.True(PlaintextSearch.Find(logs, secret) is null, $"{name} appears in the host output ({PlaintextSearch.Find(logs, secret)})");
        }

        foreach (var token in flow.LoginTokens)
        {
            Assert.True(PlaintextSearch.Find(logs, token) is null, "a login token appears in the host output");
            var signature = token[(token.LastIndexOf('.') + 1)..];
            Assert.True(PlaintextSearch.Find(logs, signature) is null, "a login token's signature appears in the host output");
        }
    }
}
