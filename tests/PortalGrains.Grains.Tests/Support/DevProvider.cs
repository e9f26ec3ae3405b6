using PortalGrains.Abstractions.Providers;
using PortalGrains.Testing;

namespace PortalGrains.Grains.Tests.Support;

/// <summary>A provider at the shared dev IdP (PG_TEST_IDP_URL, started by test.sh) with a fresh id.</summary>
public static class DevProvider
{
    public const string MachineToMachine = "m2m";
    public const string WebApplication = "web";

    public static async Task<string> CreateAsync(IClusterClient client)
    {
        var idp = DevIdentityProvider.Shared;
        await idp.WaitUntilUpAsync(TimeSpan.FromSeconds(30));
        var id = TestIds.New("provider");
        var result = await client.GetGrain<IProviderGrain>(id).UpsertAsync(
            new ProviderUpsert(
                "Dev IdP " + id, ProviderKind.Other, idp.WellKnownUrl, null, DevIdentityProvider.InitialAccessToken, null, false,
                [
                    new ClientTypeSpec(MachineToMachine, "Machine to machine", null, [], ["client_credentials"], "client_secret_basic", null),
                    new ClientTypeSpec(WebApplication, "Web application", null, ["code"], ["authorization_code", "refresh_token"], "client_secret_basic", null),
                ]),
            TestIds.Admin());
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
        Assert.True(result.Value!.Discovery is not null, $"the dev IdP's discovery at {idp.WellKnownUrl}: {result.Value.DiscoveryError}");
        return id;
    }
}
