using PortalGrains.IdentityProviders.Tests.Infrastructure;

namespace PortalGrains.IdentityProviders.Tests.Vendors;

/// <summary>Finding the clients of a portal application by listing Auth0's clients (GET /api/v2/clients) and their client_metadata.</summary>
public sealed class Auth0ClientSearchWireTests : ClientSearchWireTests
{
    private const string ManagementSecret = "auth0-m2m-secret-search-7d7d";
    private const string ManagementToken = "auth0-management-token-search-1";

    private readonly Auth0ClientRegistrationDriver driver = new(new InitialAccessTokenProvider());

    protected override string ListingPath => "/api/v2/clients";

    protected override object NotAListing => new { total = 1 };

    protected override ITaggedClientSearch Search => driver;

    public Auth0ClientSearchWireTests()
    {
        Answer(Request.Create().WithPath("/oauth/token").UsingPost(), 200, new { access_token = ManagementToken, token_type = "Bearer", expires_in = 86400 });
    }

    [Fact]
    public async Task Reads_every_page_with_the_management_token_and_keeps_the_clients_whose_metadata_names_the_application()
    {
        // a full first page of other tenants' clients, then the rest: 102 in all
        var firstPage = Enumerable.Range(0, 99).Select(i => Auth0Client($"other-{i}", $"Other {i}", metadataApplicationId: null))
            .Append(Auth0Client("auth0-c1", ClientName, "app-1"))
            .ToArray();
        Answer(Request.Create().WithPath("/api/v2/clients").WithParam("page", "0").UsingGet(), 200, new { start = 0, limit = 100, total = 102, clients = firstPage });
        Answer(Request.Create().WithPath("/api/v2/clients").WithParam("page", "1").UsingGet(), 200, new
        {
            start = 100,
            limit = 100,
            total = 102,
            clients = new[]
            {
                Auth0Client("auth0-c2", "Renamed in the dashboard", "app-1"),
                // the name alone proves nothing: anyone can name a client like the portal does
                Auth0Client("auth0-c3", ClientName, metadataApplicationId: null),
            },
        });
        Answer(Request.Create().WithPath("/api/v2/clients").WithParam("page", "2").UsingGet(), 200, new { start = 200, limit = 100, total = 102, clients = new[] { Auth0Client("auth0-c9", ClientName, "app-1") } });

        var found = await FindClientsOfApp1Async();

        Assert.Equal([new TaggedClient("auth0-c1", ClientName), new TaggedClient("auth0-c2", "Renamed in the dashboard")], found);
        var requests = Server.Requests();
        Assert.Equal(["POST /oauth/token", "GET /api/v2/clients", "GET /api/v2/clients"], requests.Select(r => $"{r.Method} {r.Path}"));
        Assert.All(requests.Skip(1), request =>
        {
            Assert.Equal($"Bearer {ManagementToken}", request.Header("Authorization"));
            Assert.Equal("client_id,name,client_metadata", string.Join(",", request.Query!["fields"]));
            Assert.Equal("true", request.Query!["include_fields"].Single());
            Assert.Equal("100", request.Query!["per_page"].Single());
            Assert.Equal("true", request.Query!["include_totals"].Single());
        });
        Assert.Equal(["0", "1"], requests.Skip(1).Select(r => r.Query!["page"].Single()));
    }

    [Fact]
    public async Task Other_applications_clients_are_left_out()
    {
        Answer(Request.Create().WithPath("/api/v2/clients").UsingGet(), 200, new
        {
            start = 0,
            limit = 100,
            total = 2,
            clients = new[] { Auth0Client("auth0-c4", "Orders reporting [portal:app-10]", "app-10"), Auth0Client("auth0-c5", "Billing [portal:app-2]", "app-2") },
        });

        Assert.Empty(await FindClientsOfApp1Async());
        Assert.Single(Server.Requests(), r => r.Path == "/api/v2/clients");
    }

    [Theory]
    [InlineData(403, IdentityProviderErrorKind.Permanent)]
    [InlineData(429, IdentityProviderErrorKind.Transient)]
    [InlineData(500, IdentityProviderErrorKind.Transient)]
    public async Task A_refused_or_failed_listing_is_typed_and_never_uncertain(int status, IdentityProviderErrorKind expected)
    {
        Answer(Request.Create().WithPath("/api/v2/clients").UsingGet(), status, new { statusCode = status, error = "Forbidden", message = "Insufficient scope, expected any of: read:clients", errorCode = "insufficient_scope" });

        var error = await Assert.ThrowsAsync<IdentityProviderException>(FindClientsOfApp1Async);

        Assert.Equal(expected, error.Kind);
        Assert.Equal(status, error.HttpStatus);
        Assert.DoesNotContain(ManagementToken, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(ManagementSecret, error.AdminDetail, StringComparison.Ordinal);
        if (status == 403)
        {
            Assert.Contains("read:clients", error.AdminDetail, StringComparison.Ordinal);
        }
    }

    private static object Auth0Client(string clientId, string name, string? metadataApplicationId) => metadataApplicationId is null
        ? new { client_id = clientId, name, client_metadata = new Dictionary<string, string>() }
        : new { client_id = clientId, name, client_metadata = new Dictionary<string, string> { [Auth0ClientRegistrationDriver.PortalApplicationIdMetadataKey] = metadataApplicationId } };

    protected override IdentityProviderConnection Connection() =>
        Connection(new Auth0ManagementClient("m2m-client", ManagementSecret, "https://orders.example/api"), "/", "/oauth/token");
}
