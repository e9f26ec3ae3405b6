using PortalGrains.Abstractions.Applications;
using PortalGrains.Abstractions.Common;

namespace PortalGrains.Grains.Tests.Support;

/// <summary>An application with one ACTIVE machine-to-machine client at a fresh provider of the dev IdP.</summary>
public sealed record ProvisionedApplication(IApplicationGrain Application, Caller Owner, string ProviderId, string Scope)
{
    public static async Task<ProvisionedApplication> CreateAsync(IClusterClient client, string name)
    {
        var providerId = await DevProvider.CreateAsync(client);
        var owner = TestIds.Developer();
        var application = client.GetGrain<IApplicationGrain>(TestIds.New("app"));
        await application.CreateAsync(new ApplicationDraft(owner.Id, name, null, []));
        var scope = $"orders.read:{Guid.NewGuid():N}";
        var granted = await application.GrantAsync(new AccessGrant(TestIds.New("request"), providerId, DevProvider.MachineToMachine, [scope]));
        Assert.True(granted.State == ProvisioningState.Active, $"{granted.State}: {granted.AdminDetail}");
        return new ProvisionedApplication(application, owner, providerId, scope);
    }
}
