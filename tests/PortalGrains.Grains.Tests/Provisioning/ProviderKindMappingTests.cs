using PortalGrains.Abstractions.Providers;
using PortalGrains.Grains.Provisioning;
using PortalGrains.IdentityProviders.Registration;

namespace PortalGrains.Grains.Tests.Provisioning;

public sealed class ProviderKindMappingTests
{
    [Fact]
    public void Every_provider_kind_maps_to_the_driver_kind_of_the_same_name()
    {
        foreach (var kind in Enum.GetValues<ProviderKind>())
        {
            Assert.Equal(kind.ToString(), kind.ToDriverKind().ToString());
        }
    }

    [Fact]
    public void Every_driver_kind_is_reached_from_exactly_one_provider_kind()
    {
        var mapped = Enum.GetValues<ProviderKind>().Select(kind => kind.ToDriverKind()).ToList();

        foreach (var driverKind in Enum.GetValues<IdentityProviderKind>())
        {
            Assert.Single(mapped, m => m == driverKind);
        }
    }
}
