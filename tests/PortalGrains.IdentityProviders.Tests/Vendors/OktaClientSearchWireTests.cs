using PortalGrains.IdentityProviders.Tests.Infrastructure;
using WireMock.Server;

namespace PortalGrains.IdentityProviders.Tests.Vendors;

/// <summary>Finding the clients of a portal application with Okta's client listing (GET /oauth2/v1/clients?q=).</summary>
public sealed class OktaClientSearchWireTests : ClientSearchWireTests
{
    private const string ApiToken = "00okta-api-token-search-9f9f";

    private readonly OktaClientRegistrationDriver driver = new(new InitialAccessTokenProvider());

    protected override string ListingPath => "/oauth2/v1/clients";

    protected override object NotAListing => new { client_id = "0oa1", client_name = ClientName };

    protected override ITaggedClientSearch Search => driver;

    [Fact]
    public async Task Follows_the_next_links_with_the_api_token_and_keeps_only_the_applications_tagged_clients()
    {
        Server.Given(Request.Create().WithPath("/oauth2/v1/clients").UsingGet()).AtPriority(2).RespondWith(Response.Create()
            .WithStatusCode(200)
            .WithHeader("Link", $"<{Server.Url}/oauth2/v1/clients?q=x&limit=200>; rel=\"self\"", $"<{Server.Url}/oauth2/v1/clients?after=0oa5&limit=200>; rel=\"next\"")
            .WithBodyAsJson(new object[]
            {
                OktaClient("0oa1", ClientName),
                // q matches the start of client_name: names that only begin like the application's are not its clients
                OktaClient("0oa2", "Orders reporting [portal:app-1] (copy)"),
                OktaClient("0oa3", "Orders reporting [portal:app-10]"),
                new { client_id = "0oa4" },
                OktaClient("0oa5", "Orders reporting"),
            }));
        Server.Given(Request.Create().WithPath("/oauth2/v1/clients").WithParam("after", "0oa5").UsingGet()).AtPriority(1).RespondWith(Response.Create()
            .WithStatusCode(200)
            .WithBodyAsJson(new object[] { OktaClient("0oa6", ClientName), OktaClient("0oa7", "Billing [portal:app-2]") }));

        var found = await FindClientsOfApp1Async();

        Assert.Equal([new TaggedClient("0oa1", ClientName), new TaggedClient("0oa6", ClientName)], found);
        var requests = Server.Requests();
        Assert.Equal(2, requests.Count);
        Assert.All(requests, request => Assert.Equal($"SSWS {ApiToken}", request.Header("Authorization")));
        Assert.Equal(ClientName, requests[0].Query!["q"].Single());
        Assert.Equal("200", requests[0].Query!["limit"].Single());
        Assert.Equal("0oa5", requests[1].Query!["after"].Single());
    }

    [Fact]
    public async Task Finds_nothing_when_the_org_holds_no_client_of_the_application()
    {
        Answer(Request.Create().WithPath("/oauth2/v1/clients").UsingGet(), 200, Array.Empty<object>());

        Assert.Empty(await FindClientsOfApp1Async());
    }

    [Theory]
    [InlineData(403, IdentityProviderErrorKind.Permanent)]
    [InlineData(401, IdentityProviderErrorKind.Permanent)]
    [InlineData(429, IdentityProviderErrorKind.Transient)]
    [InlineData(500, IdentityProviderErrorKind.Transient)]
    [InlineData(503, IdentityProviderErrorKind.Transient)]
    public async Task A_refused_or_failed_listing_is_typed_and_never_uncertain(int status, IdentityProviderErrorKind expected)
    {
        Answer(Request.Create().WithPath("/oauth2/v1/clients").UsingGet(), status, new { errorCode = "E0000006", errorSummary = "You do not have permission to perform the requested action" });

        var error = await Assert.ThrowsAsync<IdentityProviderException>(FindClientsOfApp1Async);

        Assert.Equal(expected, error.Kind);
        Assert.Equal(status, error.HttpStatus);
        Assert.Equal(IdentityProviderOperation.Read, error.Operation);
        Assert.DoesNotContain(ApiToken, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(ApiToken, error.AdminDetail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_next_link_to_another_origin_is_not_followed_with_the_api_token()
    {
        using var elsewhere = WireMockServer.Start();
        elsewhere.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(Array.Empty<object>()));
        Server.Given(Request.Create().WithPath("/oauth2/v1/clients").UsingGet()).RespondWith(Response.Create()
            .WithStatusCode(200)
            .WithHeader("Link", $"<{elsewhere.Url}/oauth2/v1/clients?after=0oa1>; rel=\"next\"")
            .WithBodyAsJson(new object[] { OktaClient("0oa1", ClientName) }));

        var error = await Assert.ThrowsAsync<IdentityProviderException>(FindClientsOfApp1Async);

        Assert.Equal(IdentityProviderErrorKind.Permanent, error.Kind);
        Assert.Empty(elsewhere.Requests());
        elsewhere.Stop();
    }

    [Fact]
    public async Task A_next_link_back_to_a_page_already_read_ends_the_search_with_an_error()
    {
        Server.Given(Request.Create().WithPath("/oauth2/v1/clients").UsingGet()).RespondWith(Response.Create()
            .WithStatusCode(200)
            .WithHeader("Link", $"<{Server.Url}/oauth2/v1/clients?after=0oa1&limit=200>; rel=\"next\"")
            .WithBodyAsJson(new object[] { OktaClient("0oa1", ClientName) }));

        var error = await Assert.ThrowsAsync<IdentityProviderException>(FindClientsOfApp1Async);

        Assert.Equal(IdentityProviderErrorKind.Permanent, error.Kind);
        Assert.Equal(2, Server.Requests().Count);
    }

    private static object OktaClient(string clientId, string clientName) => new
    {
        client_id = clientId,
        client_name = clientName,
        client_id_issued_at = 1_700_000_000,
        application_type = "service",
        grant_types = new[] { "client_credentials" },
    };

    protected override IdentityProviderConnection Connection() =>
        Connection(new OktaApiToken(ApiToken), "/oauth2/aus1default", "/oauth2/aus1default/v1/token");
}
