using PortalGrains.IdentityProviders.InitialAccess;
using PortalGrains.IdentityProviders.Registration;
using PortalGrains.IdentityProviders.Vendors;

namespace PortalGrains.IdentityProviders.Tests.Vendors;

public sealed class ClientRegistrationDriverFactoryTests
{
    private readonly ClientRegistrationDriverFactory factory = new(new InitialAccessTokenProvider());

    [Fact]
    public void Every_kind_has_its_driver()
    {
        foreach (var kind in Enum.GetValues<IdentityProviderKind>())
        {
            Assert.Equal(kind, factory.GetDriver(kind).Kind);
        }
    }

    [Theory]
    [InlineData(IdentityProviderKind.Other, typeof(Rfc7591ClientRegistrationDriver))]
    [InlineData(IdentityProviderKind.Keycloak, typeof(KeycloakClientRegistrationDriver))]
    [InlineData(IdentityProviderKind.Okta, typeof(OktaClientRegistrationDriver))]
    [InlineData(IdentityProviderKind.Curity, typeof(CurityClientRegistrationDriver))]
    [InlineData(IdentityProviderKind.Gluu, typeof(GluuClientRegistrationDriver))]
    [InlineData(IdentityProviderKind.Auth0, typeof(Auth0ClientRegistrationDriver))]
    [InlineData(IdentityProviderKind.HttpBridge, typeof(HttpBridgeClientRegistrationDriver))]
    public void Kind_maps_to_its_vendor_driver(IdentityProviderKind kind, Type driverType)
    {
        Assert.IsType(driverType, factory.GetDriver(kind));
    }
}
