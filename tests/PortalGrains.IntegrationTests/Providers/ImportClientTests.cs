using System.Text.Json;
using PortalGrains.IntegrationTests.Infrastructure;
using PortalGrains.Testing;

namespace PortalGrains.IntegrationTests.Providers;

/// <summary>importClient through /graphql: an application adopts a client registered at the dev IdP outside the portal.</summary>
[Collection(PortalCollection.Name)]
public sealed class ImportClientTests(PortalHost host)
{
    private const string Import = """
        mutation($input: ImportClientInput!) { importClient(input: $input) { application { id } errors { code message field } } }
        """;

    [Fact]
    public async Task The_first_approval_updates_the_imported_client_instead_of_registering_one()
    {
        var idp = DevIdentityProvider.Shared;
        var portal = new PortalScenario(host, idp);
        var admin = await portal.AdminTokenAsync();
        await portal.CreateProviderAsync(admin);
        var product = await portal.CreateProductAsync(admin, "legacy", "legacy.read");
        var plan = await portal.CreatePlanAsync(admin, "basic", autoApprove: false, "plan.basic");
        var dev = await portal.DeveloperTokenAsync("lou");
        var (requestId, applicationId) = await portal.CheckoutAsync(dev, product, plan);
        var existing = await idp.RegisterClientAsync(new
        {
            client_name = "Legacy app", grant_types = new[] { "client_credentials" }, response_types = Array.Empty<string>(),
            redirect_uris = Array.Empty<string>(), token_endpoint_auth_method = "client_secret_basic",
        });
        var clientId = existing.GetProperty("client_id").GetString()!;
        var secret = existing.GetProperty("client_secret").GetString()!;

        var missingUri = await portal.GraphQL.SendAsync(Import, new
        {
            input = new { applicationId, providerId = portal.ProviderId, clientId, registrationAccessToken = "rat-without-uri" },
        }, admin);
        Assert.Equal("INVALID", missingUri.At("importClient.errors").EnumerateArray().Single().GetProperty("code").GetString());
        var refused = await portal.GraphQL.SendAsync(Import, new { input = new { applicationId, providerId = portal.ProviderId, clientId } }, dev);
        Assert.Equal("FORBIDDEN", refused.Body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());

        var imported = await portal.GraphQL.SendAsync(Import, new
        {
            input = new
            {
                applicationId, providerId = portal.ProviderId, clientId, clientSecret = secret,
                registrationAccessToken = existing.GetProperty("registration_access_token").GetString(),
                registrationClientUri = existing.GetProperty("registration_client_uri").GetString(),
            },
        }, admin);
        Assert.Equal(applicationId, imported.Payload("importClient").GetProperty("application").GetProperty("id").GetString());
        var held = Credentials(await portal.CredentialsAsync(dev, applicationId));
        Assert.Equal(clientId, held.GetProperty("clientId").GetString());
        Assert.Equal(secret, held.GetProperty("clientSecret").GetString());
        Assert.Equal(JsonValueKind.Null, Credentials(await portal.CredentialsAsync(admin, applicationId)).GetProperty("clientSecret").ValueKind);

        Assert.Equal("ACTIVE", (await portal.ApproveAsync(admin, requestId)).GetProperty("status").GetString());

        Assert.Equal(clientId, Credentials(await portal.CredentialsAsync(dev, applicationId)).GetProperty("clientId").GetString());
        var (status, _) = await idp.ClientCredentialsAsync(clientId, secret, portal.Scope("legacy.read"));
        Assert.Equal(200, status);
        var operations = (await portal.GraphQL.SendAsync(
                "query($id: ID!) { application(id: $id) { operations { operation outcome actor } } }", new { id = applicationId }, admin))
            .At("application.operations").EnumerateArray().ToList();
        Assert.Equal(["Import", "Update"], operations.Select(o => o.GetProperty("operation").GetString()).Order(StringComparer.Ordinal));
        Assert.All(operations, o => Assert.Equal("succeeded", o.GetProperty("outcome").GetString()));
        Assert.Contains(operations, o => o.GetProperty("operation").GetString() == "Import" && o.GetProperty("actor").GetString() != "system");
    }

    private static JsonElement Credentials(JsonElement application) =>
        Assert.Single(application.GetProperty("credentials").EnumerateArray());
}
