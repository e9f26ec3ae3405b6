using PortalGrains.IdentityProviders.Tests.Infrastructure;

namespace PortalGrains.IdentityProviders.Tests.Vendors;

public sealed class CurityDriverWireTests : VendorWireTests
{
    private const string RegistrationPath = "/token-service/oauth-registration";
    private const string TokenPath = "/token-service/oauth-token";

    private readonly CurityClientRegistrationDriver driver = new(new InitialAccessTokenProvider());
    private int issued;

    [Fact]
    public async Task Each_registration_uses_a_fresh_dcr_token_from_the_client_credentials_grant()
    {
        Server.Given(Request.Create().WithPath(TokenPath).UsingPost()).RespondWith(Response.Create()
            .WithStatusCode(200)
            .WithBodyAsJson(_ => new { access_token = $"dcr-token-{Interlocked.Increment(ref issued)}", token_type = "bearer", expires_in = 300 }));
        Answer(Request.Create().WithPath(RegistrationPath).UsingPost(), 201, new
        {
            client_id = "dyn-1",
            client_secret = "curity-secret-1",
            registration_access_token = "curity-rat-1",
            registration_client_uri = Server.Url + RegistrationPath + "/dyn-1",
        });

        await driver.RegisterAsync(Connection(), ClientCredentialsRequest("orders:read"));
        await driver.RegisterAsync(Connection(), ClientCredentialsRequest("orders:read"));

        var requests = Server.Requests();
        Assert.Equal([TokenPath, RegistrationPath, TokenPath, RegistrationPath], requests.Select(request => request.Path));
        Assert.Equal("dcr", requests[0].FormBody()["scope"]);
        Assert.Equal("client_credentials", requests[0].FormBody()["grant_type"]);
        Assert.Equal("Bearer dcr-token-1", requests[1].Header("Authorization"));
        Assert.Equal("Bearer dcr-token-2", requests[3].Header("Authorization")); // the initial token is single-use
        var body = requests[1].JsonBody();
        Assert.False(body.TryGetProperty("software_id", out _)); // software_id names a client template at Curity
        Assert.Equal("Orders reporting [portal:app-1]", body.GetProperty("client_name").GetString());
        Assert.Equal("orders:read", body.GetProperty("scope").GetString());
    }

    [Fact]
    public async Task Rotation_is_a_read_that_returns_the_new_secret_and_registration_token()
    {
        Answer(Request.Create().WithPath(RegistrationPath + "/dyn-1").UsingGet(), 200, new
        {
            client_id = "dyn-1",
            client_secret = "curity-secret-2",
            registration_access_token = "curity-rat-2",
            registration_access_token_expires_in = 31536000,
            registration_client_uri = Server.Url + RegistrationPath + "/dyn-1",
            scope = "orders:read",
        });

        var rotation = await driver.RotateSecretAsync(Connection(), Client(), ClientCredentialsRequest("orders:read"));

        var sent = Assert.Single(Server.Requests());
        Assert.Equal("GET", sent.Method);
        Assert.Equal("Bearer curity-rat-1", sent.Header("Authorization"));
        Assert.Equal(RotationStrategy.InPlace, rotation.Strategy);
        Assert.False(rotation.CallerMustDeletePreviousClient);
        Assert.Equal("curity-secret-2", rotation.Client.ClientSecret);
        Assert.Equal("curity-rat-2", rotation.Client.RegistrationAccessToken);
    }

    [Fact]
    public async Task Rotation_falls_back_to_a_replacement_when_a_read_keeps_the_secret()
    {
        Answer(Request.Create().WithPath(TokenPath).UsingPost(), 200, new { access_token = "dcr-token", token_type = "bearer", expires_in = 300 });
        Answer(Request.Create().WithPath(RegistrationPath + "/dyn-1").UsingGet(), 200, new { client_id = "dyn-1", registration_access_token = "curity-rat-2" });
        Answer(Request.Create().WithPath(RegistrationPath).UsingPost(), 201, new { client_id = "dyn-2", client_secret = "curity-secret-9", registration_access_token = "curity-rat-9" });

        var rotation = await driver.RotateSecretAsync(Connection(), Client(), ClientCredentialsRequest("orders:read"));

        Assert.Equal(RotationStrategy.ReplacementClient, rotation.Strategy);
        Assert.True(rotation.CallerMustDeletePreviousClient);
        Assert.Equal("dyn-2", rotation.Client.ClientId);
        // the read renewed the previous client's registration token: the caller deletes it with that one
        Assert.Equal("curity-rat-2", rotation.PreviousClient.RegistrationAccessToken);
    }

    [Fact]
    public async Task A_client_type_with_a_template_instantiates_it_and_the_tag_is_read_back_from_the_client_name()
    {
        Answer(Request.Create().WithPath(TokenPath).UsingPost(), 200, new { access_token = "dcr-token", token_type = "bearer", expires_in = 300 });
        // Curity answers with the template's settings and its own client id; the name sent is kept
        Answer(Request.Create().WithPath(RegistrationPath).UsingPost(), 201, new
        {
            client_id = "dyn-7",
            client_secret = "curity-secret-7",
            registration_access_token = "curity-rat-7",
            registration_client_uri = Server.Url + RegistrationPath + "/dyn-7",
            software_id = "partner-template",
            client_name = "Orders reporting [portal:app-1]",
            grant_types = new[] { "client_credentials" },
            scope = "orders:read",
        });
        var request = ClientCredentialsRequest("orders:read");
        request = request with { Metadata = request.Metadata with { SoftwareId = "partner-template" } };

        var client = await driver.RegisterAsync(Connection(), request);

        var body = Server.Requests()[1].JsonBody();
        Assert.Equal("partner-template", body.GetProperty("software_id").GetString());
        Assert.Equal("Orders reporting [portal:app-1]", body.GetProperty("client_name").GetString());
        Assert.Equal("partner-template", client.Metadata.SoftwareId);
        Assert.Equal("app-1", PortalClientTag.ApplicationIdFromClientName(client.Metadata.ClientName));
    }

    private IdentityProviderConnection Connection() =>
        Connection(new ClientCredentialsGrant("portal-dcr-client", "portal-dcr-secret"), "/oauth/v2/oauth-anonymous", TokenPath, RegistrationPath);

    private RegisteredClient Client() =>
        new()
        {
            ClientId = "dyn-1",
            ClientSecret = "curity-secret-1",
            RegistrationAccessToken = "curity-rat-1",
            RegistrationClientUri = new Uri(Server.Url + RegistrationPath + "/dyn-1"),
            Metadata = new ClientMetadata { GrantTypes = ["client_credentials"], Scopes = ["orders:read"] },
        };
}
