using Microsoft.Extensions.Options;
using PortalGrains.Abstractions.Common;
using PortalGrains.Abstractions.Providers;
using PortalGrains.Grains.Providers;
using PortalGrains.IdentityProviders.Http;
using PortalGrains.IdentityProviders.Registration;

namespace PortalGrains.Grains.Tests.Providers;

public sealed class ProviderSettingsValidatorTests
{
    private const string WellKnown = "https://idp.example.com/.well-known/openid-configuration";
    private const string BridgeUrl = "https://bridge.example.com/dcr";

    private static readonly ClientTypeSpec M2m = new("m2m", "Machine to machine", null, [], ["client_credentials"], "client_secret_basic", null);

    private readonly ProviderSettingsValidator validator = new(new ClientMetadataValidator(), Options.Create(new OutboundPolicyOptions()));

    [Fact]
    public void An_http_bridge_with_its_base_url_and_api_key_is_valid()
    {
        Assert.Empty(validator.Validate(Upsert(ProviderKind.HttpBridge, BridgeUrl, "bridge-key"), allowInsecureHttp: false));
    }

    [Fact]
    public void An_http_bridge_needs_its_base_url_and_takes_no_client()
    {
        var errors = validator.Validate(
            Upsert(ProviderKind.HttpBridge, registrationEndpoint: null, token: null) with
            {
                InitialAccessTokenClient = new ClientCredentialsSecret("portal", "secret", null),
            },
            allowInsecureHttp: false);

        Assert.Contains(errors, e => e.Code == UserErrorCodes.Required && e.Field.Last() == "registrationEndpoint");
        Assert.Contains(errors, e => e.Code == UserErrorCodes.Invalid && e.Field.Last() == "initialAccessTokenClient");
    }

    [Theory]
    [InlineData(ProviderKind.Okta)]
    [InlineData(ProviderKind.Auth0)]
    [InlineData(ProviderKind.HttpBridge)]
    public void A_software_id_is_refused_where_the_api_has_none(ProviderKind kind)
    {
        var settings = Upsert(kind, BridgeUrl, "token") with { ClientTypes = [M2m with { SoftwareId = "template" }] };

        var errors = validator.Validate(settings, allowInsecureHttp: false);

        Assert.Contains(errors, e => e.Code == UserErrorCodes.InvalidClientType && e.Field.Last() == "softwareId");
    }

    [Fact]
    public void A_curity_template_is_accepted()
    {
        var settings = Upsert(ProviderKind.Curity, null, "token") with { ClientTypes = [M2m with { SoftwareId = "partner-template" }] };

        Assert.Empty(validator.Validate(settings, allowInsecureHttp: false));
    }

    [Fact]
    public void Pkce_is_required_of_public_clients_only()
    {
        var settings = Upsert(ProviderKind.Keycloak, null, "token") with { ClientTypes = [M2m with { RequirePkce = true }] };

        var errors = validator.Validate(settings, allowInsecureHttp: false);

        Assert.Contains(errors, e => e.Code == UserErrorCodes.InvalidClientType && e.Field.Last() == "requirePkce");
    }

    private static ProviderUpsert Upsert(ProviderKind kind, string? registrationEndpoint, string? token) =>
        new("Provider", kind, WellKnown, registrationEndpoint, token, null, false, [M2m]);
}
