using PortalGrains.Operations.Tests.Infrastructure;
using PortalGrains.Testing;
using Xunit.Abstractions;

namespace PortalGrains.Operations.Tests.Deployment;

/// <summary>The Portal__* settings a caller gives cluster.sh win over the script's own defaults.</summary>
public sealed class ClusterScriptSettingsTests(ITestOutputHelper output)
{
    private const string ViewerQuery = "{ viewer { id } }";

    [Fact]
    public async Task A_cluster_started_with_another_login_authority_signs_in_with_that_identity_providers_tokens()
    {
        await using var otherIdp = await DevIdentityProvider.StartOwnAsync();
        var cluster = LocalCluster.With(1, new Dictionary<string, string> { ["Portal__Auth__Authority"] = otherIdp.IssuerText });
        try
        {
            await cluster.InitializeAsync();
            using var api = new PortalApi(cluster.BalancerAddress);

            var signedIn = await api.SendAsync(ViewerQuery, null, await otherIdp.LoginTokenAsync("other-idp-user"));
            Assert.Equal("other-idp-user", signedIn.At("viewer.id").GetString());

            var fromDefault = await api.SendAsync(ViewerQuery, null, await DevIdentityProvider.Shared.LoginTokenAsync("default-idp-user"));
            Assert.Equal(401, fromDefault.Status);
        }
        catch
        {
            output.WriteLine("cluster.sh output:\n" + cluster.Log);
            throw;
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }
}
