using PortalGrains.IntegrationTests.Infrastructure;

namespace PortalGrains.IntegrationTests.Security;

/// <summary>The host's standard output and error over a full flow hold none of the secrets it handled.</summary>
[Collection(PortalCollection.Name)]
public sealed class LogSecretsTests(PortalHost host)
{
    [Fact]
    public async Task No_secret_and_no_login_token_appears_in_the_host_output()
    {
        var flow = await SecretFlow.RunAsync(host);
        // A client that sends a secret where a login token belongs: the refusal must not echo it.
        var refused = await host.GraphQL.SendAsync("{ viewer { id } }", token: flow.UniqueInitialAccessToken);
        Assert.Equal(401, refused.Status);

        LogAssertions.AssertNoSecrets(host.Logs, flow);
    }
}
