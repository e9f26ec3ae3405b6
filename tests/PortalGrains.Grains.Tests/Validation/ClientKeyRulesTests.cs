using PortalGrains.Abstractions.Applications;
using PortalGrains.Abstractions.Common;
using PortalGrains.Abstractions.Providers;
using PortalGrains.Grains.Provisioning;
using PortalGrains.Grains.Validation;

namespace PortalGrains.Grains.Tests.Validation;

public sealed class ClientKeyRulesTests
{
    [Theory]
    [InlineData("http://keys.example.com/jwks.json")]
    [InlineData("keys.example.com/jwks.json")]
    [InlineData("https://user:pw@keys.example.com/jwks.json")]
    [InlineData("https://keys.example.com/jwks.json#frag")]
    public void A_jwks_uri_must_be_plain_absolute_https(string jwksUri)
    {
        var errors = new List<UserError>();

        ClientKeyRules.Validate(new ClientKeys(jwksUri, null), errors);

        var error = Assert.Single(errors);
        Assert.Equal(UserErrorCodes.InvalidUrl, error.Code);
        Assert.Equal("input.jwksUri", string.Join('.', error.Field));
    }

    [Fact]
    public void Https_keys_a_one_line_subject_dn_and_empty_values_pass()
    {
        var errors = new List<UserError>();

        ClientKeyRules.Validate(new ClientKeys("https://keys.example.com/jwks.json", "CN=app,O=Example"), errors);
        ClientKeyRules.Validate(new ClientKeys("", " "), errors);

        Assert.Empty(errors);
    }

    [Fact]
    public void A_subject_dn_with_a_line_break_is_refused()
    {
        var errors = new List<UserError>();

        ClientKeyRules.Validate(new ClientKeys(null, "CN=app\nO=Example"), errors);

        Assert.Equal("input.tlsClientAuthSubjectDn", string.Join('.', Assert.Single(errors).Field));
    }

    [Theory]
    [InlineData("private_key_jwt", "jwks_uri")]
    [InlineData("tls_client_auth", "tls_client_auth_subject_dn")]
    public void Only_the_client_types_authentication_method_gets_its_key_field(string authMethod, string field)
    {
        var clientType = new ClientTypeSpec("t", "T", null, [], ["client_credentials"], authMethod, null);
        var keys = new ClientKeys("https://keys.example.com/jwks.json", "CN=app,O=Example");

        var metadata = ClientMetadataFactory.Create(clientType, ["orders:read"], [], keys);

        Assert.Equal([field], metadata.Extensions.Keys);
        Assert.Empty(ClientMetadataFactory.Create(clientType with { TokenEndpointAuthMethod = "client_secret_basic" }, ["orders:read"], [], keys).Extensions);
    }
}
