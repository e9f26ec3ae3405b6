using PortalGrains.IdentityProviders.Tests.Infrastructure;

namespace PortalGrains.IdentityProviders.Tests.Vendors;

public sealed class GluuDriverWireTests : VendorWireTests
{
    private const string RegistrationPath = "/oxauth/restv1/register";

    private readonly GluuClientRegistrationDriver driver = new(new InitialAccessTokenProvider());

    [Fact]
    public async Task Registers_with_rfc7591_keeping_software_id_and_the_secret_expiry()
    {
        Answer(Request.Create().WithPath(RegistrationPath).UsingPost(), 201, new
        {
            client_id = "1001.5c2e",
            client_secret = "gluu-secret",
            client_secret_expires_at = 1_900_000_000,
            registration_access_token = "gluu-rat",
            registration_client_uri = Server.Url + RegistrationPath + "?client_id=1001.5c2e",
            software_id = "portal:app-1",
            scope = "orders:read",
        });

        var client = await driver.RegisterAsync(Connection(), ClientCredentialsRequest("orders:read"));

        var sent = Assert.Single(Server.Requests());
        Assert.Equal("Bearer gluu-initial", sent.Header("Authorization"));
        Assert.Equal("portal:app-1", sent.JsonBody().GetProperty("software_id").GetString());
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_900_000_000), client.ClientSecretExpiresAt);
        Assert.Equal(new Uri(Server.Url + RegistrationPath + "?client_id=1001.5c2e"), client.RegistrationClientUri);
    }

    [Fact]
    public async Task Delete_before_gluu_4_1_is_unsupported()
    {
        Server.Given(Request.Create().WithPath(RegistrationPath).UsingDelete()).RespondWith(Response.Create().WithStatusCode(405));

        var error = await Assert.ThrowsAsync<IdentityProviderException>(() => driver.DeleteAsync(Connection(), Client()));

        var sent = Assert.Single(Server.Requests());
        Assert.Equal("client_id=1001.5c2e", sent.RawQuery?.TrimStart('?'));
        Assert.Equal("Bearer gluu-rat", sent.Header("Authorization"));
        Assert.Equal(IdentityProviderErrorKind.Unsupported, error.Kind);
        Assert.Contains("Gluu 4.1", error.AdminDetail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_from_gluu_4_1_answers_204()
    {
        Server.Given(Request.Create().WithPath(RegistrationPath).UsingDelete()).RespondWith(Response.Create().WithStatusCode(204));

        Assert.Equal(ClientDeletionOutcome.Deleted, await driver.DeleteAsync(Connection(), Client()));
    }

    [Fact]
    public async Task Rotation_registers_a_replacement_client()
    {
        Answer(Request.Create().WithPath(RegistrationPath).UsingPost(), 201, new { client_id = "1001.77aa", client_secret = "gluu-secret-2", registration_access_token = "gluu-rat-2" });

        var rotation = await driver.RotateSecretAsync(Connection(), Client(), ClientCredentialsRequest("orders:read"));

        Assert.Equal(RotationStrategy.ReplacementClient, rotation.Strategy);
        Assert.True(rotation.CallerMustDeletePreviousClient);
        Assert.Equal("1001.77aa", rotation.Client.ClientId);
    }

    private IdentityProviderConnection Connection() =>
        Connection(new StaticInitialAccessToken("gluu-initial"), "", "/oxauth/restv1/token", RegistrationPath);

    private RegisteredClient Client() =>
        new()
        {
            ClientId = "1001.5c2e",
            ClientSecret = "gluu-secret",
            RegistrationAccessToken = "gluu-rat",
            RegistrationClientUri = new Uri(Server.Url + RegistrationPath + "?client_id=1001.5c2e"),
            Metadata = new ClientMetadata { GrantTypes = ["client_credentials"], Scopes = ["orders:read"] },
        };
}
