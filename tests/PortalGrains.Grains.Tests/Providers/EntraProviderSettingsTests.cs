using Microsoft.Extensions.Options;
using PortalGrains.Abstractions.Common;
using PortalGrains.Abstractions.Providers;
using PortalGrains.Grains.Providers;
using PortalGrains.IdentityProviders.Http;
using PortalGrains.IdentityProviders.Registration;

namespace PortalGrains.Grains.Tests.Providers;

/// <summary>An ENTRA provider's settings: the portal's app registration for Graph and the API's application id.</summary>
public sealed class EntraProviderSettingsTests
{
    private const string ApiApplicationId = "6a1f4e0c-2b3d-4c5e-8f70-91a2b3c4d5e6";

    private readonly ProviderSettingsValidator validator = new(new ClientMetadataValidator(), Options.Create(new OutboundPolicyOptions()));

    [Fact]
    public void An_entra_provider_with_its_graph_client_and_the_apis_application_id_is_valid()
    {
        Assert.Empty(validator.Validate(Entra() with { ApiApplicationId = ApiApplicationId }, allowInsecureHttp: false));
    }

    [Fact]
    public void An_entra_provider_needs_the_apis_application_id_as_a_guid()
    {
        var missing = Assert.Single(validator.Validate(Entra(), allowInsecureHttp: false));
        var malformed = Assert.Single(validator.Validate(Entra() with { ApiApplicationId = "api://orders" }, allowInsecureHttp: false));

        Assert.Equal(UserErrorCodes.Required, missing.Code);
        Assert.Equal(["input", "apiApplicationId"], missing.Field.ToArray());
        Assert.Equal(UserErrorCodes.Invalid, malformed.Code);
        Assert.Equal(["input", "apiApplicationId"], malformed.Field.ToArray());
    }

    [Fact]
    public void An_entra_provider_needs_the_portals_app_registration_not_a_static_token()
    {
        var errors = validator.Validate(
            Entra() with { ApiApplicationId = ApiApplicationId, InitialAccessToken = "static", InitialAccessTokenClient = null },
            allowInsecureHttp: false);

        var error = Assert.Single(errors);
        Assert.Equal(["input", "initialAccessTokenClient"], error.Field.ToArray());
    }

    [Fact]
    public void The_apis_application_id_belongs_to_entra_providers_only()
    {
        var error = Assert.Single(validator.Validate(Entra() with { Kind = ProviderKind.Other, ApiApplicationId = ApiApplicationId }, allowInsecureHttp: false));

        Assert.Equal(["input", "apiApplicationId"], error.Field.ToArray());
    }

    [Fact]
    public void Entra_client_types_authenticate_with_a_secret_or_not_at_all()
    {
        var certificate = Entra() with
        {
            ApiApplicationId = ApiApplicationId,
            ClientTypes = [new ClientTypeSpec("m2m", "M2M", null, [], ["client_credentials"], "private_key_jwt", null)],
        };

        var error = Assert.Single(validator.Validate(certificate, allowInsecureHttp: false));

        Assert.Equal(UserErrorCodes.InvalidClientType, error.Code);
    }

    private static ProviderUpsert Entra() => new(
        "Contoso",
        ProviderKind.Entra,
        "https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0/.well-known/openid-configuration",
        RegistrationEndpoint: null,
        InitialAccessToken: null,
        new ClientCredentialsSecret("portal-app", "portal-secret", "https://graph.microsoft.com/.default"),
        SslInsecureSkipVerify: false,
        [new ClientTypeSpec("m2m", "M2M", null, [], ["client_credentials"], "client_secret_post", null)]);
}
