namespace PortalGrains.IdentityProviders.Tests.Infrastructure;

/// <summary>Tests of one vendor's driver against a wire-level fake of its API: stubbed answers and a connection to the fake.</summary>
public abstract class VendorWireTests : WireFakeTests
{
    /// <summary>Answers the requests that match <paramref name="request"/> with <paramref name="status"/> and <paramref name="body"/> as JSON.</summary>
    protected void Answer(IRequestBuilder request, int status, object body) =>
        Server.Given(request).RespondWith(Response.Create().WithStatusCode(status).WithBodyAsJson(body));

    /// <summary>A connection to the fake; the paths are relative to its URL, no registration path means none is known.</summary>
    protected IdentityProviderConnection Connection(ProviderCredentials credentials, string issuerPath, string tokenPath, string? registrationPath = null) =>
        new(
            Http,
            new RegistrationEndpoints(
                new Uri(Server.Url + issuerPath),
                registrationPath is null ? null : new Uri(Server.Url + registrationPath),
                new Uri(Server.Url + tokenPath)),
            credentials);

    /// <summary>A client credentials client of application app-1 asking for <paramref name="scopes"/>.</summary>
    protected static ClientRegistrationRequest ClientCredentialsRequest(params string[] scopes) =>
        new("app-1", "Orders reporting", new ClientMetadata { GrantTypes = ["client_credentials"], Scopes = scopes });
}
