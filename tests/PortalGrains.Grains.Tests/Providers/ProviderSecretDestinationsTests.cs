using PortalGrains.Abstractions.Common;
using PortalGrains.Abstractions.Providers;
using PortalGrains.Grains.Providers;

namespace PortalGrains.Grains.Tests.Providers;

public sealed class ProviderSecretDestinationsTests
{
    private const string WellKnown = "https://idp.example.com/realms/a/.well-known/openid-configuration";

    [Theory]
    [InlineData("https://IDP.example.com/realms/b/.well-known/openid-configuration")]
    [InlineData("https://idp.example.com:443/other/.well-known/openid-configuration")]
    public void A_new_path_on_the_same_origin_keeps_the_secrets(string wellKnownUrl)
    {
        Assert.Empty(ProviderSecretDestinations.Check(Stored(token: true), Upsert(wellKnownUrl)));
    }

    [Theory]
    [InlineData("https://idp.attacker.example/realms/a/.well-known/openid-configuration")]
    [InlineData("https://idp.example.com:8443/realms/a/.well-known/openid-configuration")]
    [InlineData("http://idp.example.com/realms/a/.well-known/openid-configuration")]
    public void Another_scheme_host_or_port_of_the_well_known_url_needs_the_stored_token_again(string wellKnownUrl)
    {
        var error = Assert.Single(ProviderSecretDestinations.Check(Stored(token: true), Upsert(wellKnownUrl)));

        Assert.Equal(UserErrorCodes.SecretRequired, error.Code);
        Assert.Equal(["input", "initialAccessToken"], error.Field.ToArray());
        Assert.Contains("wellKnownUrl", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_registration_endpoint_on_another_origin_needs_the_stored_client_again()
    {
        var error = Assert.Single(ProviderSecretDestinations.Check(
            Stored(token: false), Upsert(WellKnown, "https://collector.example.net/register")));

        Assert.Equal(UserErrorCodes.SecretRequired, error.Code);
        Assert.Equal(["input", "initialAccessTokenClient"], error.Field.ToArray());
        Assert.Contains("registrationEndpoint", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_registration_endpoint_is_compared_with_the_stored_override_or_else_with_the_well_known_origin()
    {
        Assert.Empty(ProviderSecretDestinations.Check(Stored(token: true), Upsert(WellKnown, "https://idp.example.com/register")));
        Assert.Empty(ProviderSecretDestinations.Check(
            Stored(token: true, registration: "https://reg.example.com/clients"), Upsert(WellKnown, "https://reg.example.com/v2/clients")));
        Assert.Single(ProviderSecretDestinations.Check(
            Stored(token: true, registration: "https://reg.example.com/clients"), Upsert(WellKnown, "https://idp.example.com/register")));
        // Dropping the override hands registration back to the discovery document of the unchanged origin.
        Assert.Empty(ProviderSecretDestinations.Check(Stored(token: true, registration: "https://reg.example.com/clients"), Upsert(WellKnown)));
    }

    [Fact]
    public void Moving_is_free_when_the_secrets_are_given_again_or_none_is_stored_or_the_provider_is_new()
    {
        const string elsewhere = "https://idp.other.example/.well-known/openid-configuration";
        Assert.Empty(ProviderSecretDestinations.Check(Stored(token: true), Upsert(elsewhere) with { InitialAccessToken = "new-token" }));
        Assert.Empty(ProviderSecretDestinations.Check(
            Stored(token: true), Upsert(elsewhere) with { InitialAccessTokenClient = new ClientCredentialsSecret("c", "s", null) }));
        Assert.Empty(ProviderSecretDestinations.Check(new ProviderState { Exists = true, WellKnownUrl = WellKnown }, Upsert(elsewhere)));
        Assert.Empty(ProviderSecretDestinations.Check(new ProviderState(), Upsert(elsewhere)));
    }

    private static ProviderState Stored(bool token, string? registration = null) => new()
    {
        Exists = true,
        WellKnownUrl = WellKnown,
        RegistrationEndpoint = registration,
        ProtectedInitialAccessToken = token ? "protected-token" : null,
        InitialAccessTokenClientId = token ? null : "registrar",
        ProtectedInitialAccessTokenClientSecret = token ? null : "protected-secret",
    };

    private static ProviderUpsert Upsert(string wellKnownUrl, string? registration = null) =>
        new("Provider", ProviderKind.Other, wellKnownUrl, registration, null, null, false, []);
}
