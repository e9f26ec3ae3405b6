using PortalGrains.IdentityProviders.Errors;
using PortalGrains.IdentityProviders.InitialAccess;
using PortalGrains.IdentityProviders.Registration;

namespace PortalGrains.IdentityProviders.Tests.Registration;

public sealed class SecretsAreNeverPrintedTests
{
    private const string Secret = "s3cr3t-value-5d1e";

    [Fact]
    public void Registered_client_prints_no_secret()
    {
        var client = new RegisteredClient
        {
            ClientId = "c1",
            ClientSecret = Secret,
            RegistrationAccessToken = Secret + "-rat",
            RegistrationClientUri = new Uri("https://idp.example/reg/c1"),
            Metadata = new ClientMetadata { ClientName = "Orders", Scopes = ["a"] },
        };

        var printed = client.ToString();

        Assert.DoesNotContain(Secret, printed, StringComparison.Ordinal);
        Assert.Contains("c1", printed, StringComparison.Ordinal);
        Assert.Contains("ClientSecret = (set)", printed, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, new RotationResult(client, RotationStrategy.InPlace, client).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Credentials_print_no_secret()
    {
        ProviderCredentials[] credentials =
        [
            new StaticInitialAccessToken(Secret),
            new ClientCredentialsGrant("registrar", Secret, "dcr"),
            new OktaApiToken(Secret),
            new Auth0ManagementClient("m2m", Secret, "https://api.example"),
        ];

        foreach (var credential in credentials)
        {
            Assert.DoesNotContain(Secret, credential.ToString(), StringComparison.Ordinal);
        }

        Assert.Contains("registrar", credentials[1].ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, new IdentityProviderConnection(new HttpClient(), new RegistrationEndpoints(
            new Uri("https://idp.example"), null, new Uri("https://idp.example/token")), credentials[0]).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Exception_message_holds_only_the_stable_parts()
    {
        var error = new IdentityProviderException(
            IdentityProviderErrorKind.Permanent,
            IdentityProviderOperation.Register,
            IdentityProviderMessages.InvalidRedirectUri,
            "admin detail",
            400,
            "invalid_redirect_uri",
            errorDescription: "described " + Secret,
            responseBody: "{\"error\":\"x\",\"note\":\"" + Secret + "\"}");

        Assert.Equal(
            "The identity provider rejected the redirect URI. (Register: Permanent, HTTP 400, error invalid_redirect_uri)",
            error.Message);
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Error_codes_that_are_not_oauth_syntax_are_dropped()
    {
        var error = new IdentityProviderException(
            IdentityProviderErrorKind.Permanent,
            IdentityProviderOperation.Register,
            IdentityProviderMessages.Rejected,
            "detail",
            400,
            "bad\"code\\" + Secret);

        Assert.Null(error.Error);
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Long_bodies_are_truncated()
    {
        var error = new IdentityProviderException(
            IdentityProviderErrorKind.Transient,
            IdentityProviderOperation.Read,
            IdentityProviderMessages.Unavailable,
            "detail",
            responseBody: new string('x', 10_000));

        Assert.True(error.ResponseBody!.Length <= IdentityProviderException.MaxBodyLength + 1);
    }
}
