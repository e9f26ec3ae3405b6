using PortalGrains.IdentityProviders.Errors;
using PortalGrains.IdentityProviders.InitialAccess;
using PortalGrains.IdentityProviders.Registration;
using PortalGrains.IdentityProviders.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace PortalGrains.IdentityProviders.Tests.Registration;

/// <summary>
/// A registration_client_uri on another origin than the registration endpoint never receives the registration access
/// token: the registration fails with a permanent error that names the client left behind, and management calls for a
/// stored client with such a URI are refused before anything is sent.
/// </summary>
public sealed class ForeignRegistrationClientUriTests : WireFakeTests
{
    private const string RegistrationToken = "registration-token-5e11a0";

    private readonly WireMockServer foreign;
    private readonly Rfc7591ClientRegistrationDriver driver = new(new InitialAccessTokenProvider());

    public ForeignRegistrationClientUriTests()
    {
        foreign = StartAnotherServer();
        foreign.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(new { client_id = "c1" }));
    }

    [Fact]
    public async Task Registration_answered_with_a_registration_uri_on_another_host_fails_and_names_the_client()
    {
        Server.Given(Request.Create().WithPath("/reg").UsingPost()).RespondWith(Response.Create().WithStatusCode(201).WithBodyAsJson(new
        {
            client_id = "c-foreign",
            client_secret = "secret-81d0",
            registration_access_token = RegistrationToken,
            registration_client_uri = foreign.Url + "/reg/c-foreign",
            grant_types = new[] { "client_credentials" },
            scope = "a",
        }));

        var error = await Assert.ThrowsAsync<IdentityProviderException>(
            () => driver.RegisterAsync(Connection(), TestRequests.ClientCredentials("a")));

        Assert.Equal(IdentityProviderErrorKind.Permanent, error.Kind);
        Assert.Equal(IdentityProviderOperation.Register, error.Operation);
        Assert.Equal(IdentityProviderMessages.ForeignRegistrationClientUri, error.DeveloperMessage);
        Assert.Contains("registration URI on another host", error.AdminDetail, StringComparison.Ordinal);
        Assert.Contains(foreign.Url!, error.AdminDetail, StringComparison.Ordinal);
        Assert.Contains("c-foreign", error.AdminDetail, StringComparison.Ordinal);
        Assert.Equal("c-foreign", error.ClientId);
        Assert.DoesNotContain(RegistrationToken, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("secret-81d0", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(foreign.Requests());
    }

    [Fact]
    public async Task Registration_uri_on_the_registration_endpoint_origin_is_accepted()
    {
        Server.Given(Request.Create().WithPath("/reg").UsingPost()).RespondWith(Response.Create().WithStatusCode(201).WithBodyAsJson(new
        {
            client_id = "c-home",
            registration_access_token = RegistrationToken,
            registration_client_uri = Server.Url + "/reg/c-home",
        }));

        var client = await driver.RegisterAsync(Connection(), TestRequests.ClientCredentials("a"));

        Assert.Equal(new Uri(Server.Url + "/reg/c-home"), client.RegistrationClientUri);
    }

    [Fact]
    public async Task Management_calls_for_a_stored_client_with_a_foreign_registration_uri_send_nothing()
    {
        var client = new RegisteredClient
        {
            ClientId = "c1",
            RegistrationAccessToken = RegistrationToken,
            RegistrationClientUri = new Uri(foreign.Url + "/reg/c1"),
            Metadata = new ClientMetadata { GrantTypes = ["client_credentials"], Scopes = ["a"] },
        };

        var read = await Assert.ThrowsAsync<IdentityProviderException>(() => driver.ReadAsync(Connection(), client));
        var update = await Assert.ThrowsAsync<IdentityProviderException>(
            () => driver.UpdateAsync(Connection(), client, TestRequests.ClientCredentials("a")));
        var delete = await Assert.ThrowsAsync<IdentityProviderException>(() => driver.DeleteAsync(Connection(), client));

        Assert.All([read, update, delete], e =>
        {
            Assert.Equal(IdentityProviderErrorKind.Permanent, e.Kind);
            Assert.Contains("another host", e.AdminDetail, StringComparison.Ordinal);
        });
        Assert.Empty(foreign.Requests());
        Assert.Empty(Server.Requests());
    }

    private IdentityProviderConnection Connection() =>
        new(
            Http,
            new RegistrationEndpoints(new Uri(Server.Url!), new Uri(Server.Url + "/reg"), new Uri(Server.Url + "/token")),
            NoProviderCredentials.Instance);
}
