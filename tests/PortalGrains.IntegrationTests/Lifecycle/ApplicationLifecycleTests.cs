using System.Text.Json;
using PortalGrains.IntegrationTests.Infrastructure;
using PortalGrains.Testing;

namespace PortalGrains.IntegrationTests.Lifecycle;

/// <summary>An application's life after provisioning, through /graphql, checked at the dev IdP with real token requests.</summary>
[Collection(PortalCollection.Name)]
public sealed class ApplicationLifecycleTests(PortalHost host)
{
    private const string WebClientType = "web";

    [Fact]
    public async Task Redirect_uris_updated_twice_in_a_row_reach_the_identity_provider_despite_its_rotating_registration_token()
    {
        var idp = DevIdentityProvider.Shared;
        var portal = new PortalScenario(host, idp);
        var admin = await portal.AdminTokenAsync();
        await portal.CreateProviderAsync(admin);
        var product = await portal.CreateProductAsync(admin, "web", "web.read");
        var plan = await portal.CreatePlanAsync(admin, "free", autoApprove: true, "plan.free");
        var dev = await portal.DeveloperTokenAsync("fay");
        var checkout = await portal.GraphQL.SendAsync(PortalScenario.CheckoutMutation, new
        {
            input = new
            {
                productId = product, planId = plan, clientTypeId = WebClientType,
                newApplication = new { name = "Web app" }, redirectUris = new[] { "https://app.example.com/callback" },
            },
        }, dev);
        var request = checkout.Payload("checkout").GetProperty("accessRequest");
        Assert.Equal("ACTIVE", request.GetProperty("status").GetString());
        var applicationId = request.GetProperty("application").GetProperty("id").GetString()!;

        foreach (var uri in new[] { "https://app.example.com/first", "https://app.example.com/second" })
        {
            var updated = await portal.GraphQL.SendAsync("""
                mutation($input: UpdateApplicationInput!) { updateApplication(input: $input) { application { redirectUris } errors { code message } } }
                """, new { input = new { id = applicationId, redirectUris = new[] { uri, "http://127.0.0.1:8080/cb" } } }, dev);
            Assert.Contains(uri, updated.Payload("updateApplication").GetProperty("application").GetProperty("redirectUris").EnumerateArray().Select(e => e.GetString()));
            var atIdp = Assert.Single(await idp.ClientsOfApplicationAsync(applicationId));
            Assert.Contains(uri, atIdp.GetProperty("redirect_uris").EnumerateArray().Select(e => e.GetString()));
        }
    }

    [Fact]
    public async Task A_rotated_secret_works_and_the_old_one_is_refused()
    {
        var (portal, idp, dev, _, applicationId) = await ProvisionedApplicationAsync("gus");
        var before = Assert.Single((await portal.CredentialsAsync(dev, applicationId)).GetProperty("credentials").EnumerateArray());
        var scope = portal.Scope("rot.read");

        var rotated = await portal.GraphQL.SendAsync("""
            mutation($input: RotateSecretInput!) { rotateClientSecret(input: $input) { application { credentials { clientId clientSecret } } errors { code message } } }
            """, new { input = new { applicationId, providerId = portal.ProviderId } }, dev);
        var after = Assert.Single(rotated.Payload("rotateClientSecret").GetProperty("application").GetProperty("credentials").EnumerateArray());

        Assert.NotEqual(before.GetProperty("clientSecret").GetString(), after.GetProperty("clientSecret").GetString());
        var (newStatus, _) = await idp.ClientCredentialsAsync(after.GetProperty("clientId").GetString()!, after.GetProperty("clientSecret").GetString()!, scope);
        Assert.Equal(200, newStatus);
        var (oldStatus, oldBody) = await idp.ClientCredentialsAsync(before.GetProperty("clientId").GetString()!, before.GetProperty("clientSecret").GetString()!, scope);
        Assert.Equal(401, oldStatus);
        Assert.Equal("invalid_client", oldBody.GetProperty("error").GetString());
        Assert.Single(await idp.ClientsOfApplicationAsync(applicationId));

        // The audit: every identity provider operation with who caused it and how it ended, for admins only.
        var admin = await portal.AdminTokenAsync();
        const string audit = "query($id: ID!) { application(id: $id) { operations { operation actor outcome clientId } } }";
        var operations = (await portal.GraphQL.SendAsync(audit, new { id = applicationId }, admin)).At("application.operations").EnumerateArray().ToList();
        Assert.Contains(operations, o => o.GetProperty("operation").GetString() == "Register" && o.GetProperty("outcome").GetString() == "succeeded");
        Assert.Contains(operations, o => o.GetProperty("operation").GetString() == "RotateSecret" && o.GetProperty("actor").GetString() != "system");
        Assert.Contains(operations, o => o.GetProperty("operation").GetString() == "Delete"
            && o.GetProperty("clientId").GetString() == before.GetProperty("clientId").GetString());
        Assert.Equal(JsonValueKind.Null, (await portal.GraphQL.SendAsync(audit, new { id = applicationId }, dev)).At("application.operations").ValueKind);
    }

    [Fact]
    public async Task A_revoked_requests_scope_is_no_longer_granted_and_the_other_product_still_is()
    {
        var (portal, idp, dev, firstRequest, applicationId) = await ProvisionedApplicationAsync("hal");
        var admin = await portal.AdminTokenAsync();
        var second = await portal.CreateProductAsync(admin, "second", "second.read");
        var (secondRequest, _) = await portal.CheckoutAsync(dev, second, await portal.CreatePlanAsync(admin, "p2", false, "plan.two"), applicationId);
        await portal.ApproveAsync(admin, secondRequest);

        var revoked = await portal.GraphQL.SendAsync("""
            mutation($input: DecideInput!) { revokeAccessRequest(input: $input) { accessRequest { status history { from to actor } } errors { code message } } }
            """, new { input = new { id = firstRequest, reason = "no longer needed" } }, dev);
        var request = revoked.Payload("revokeAccessRequest").GetProperty("accessRequest");
        Assert.Equal("REVOKED", request.GetProperty("status").GetString());
        Assert.Contains(request.GetProperty("history").EnumerateArray(), h => h.GetProperty("to").GetString() == "REVOKED");

        var credentials = Assert.Single((await portal.CredentialsAsync(dev, applicationId)).GetProperty("credentials").EnumerateArray());
        var clientId = credentials.GetProperty("clientId").GetString()!;
        var secret = credentials.GetProperty("clientSecret").GetString()!;
        var (refused, body) = await idp.ClientCredentialsAsync(clientId, secret, portal.Scope("rot.read"));
        Assert.Equal(400, refused);
        Assert.Equal("invalid_scope", body.GetProperty("error").GetString());
        var (granted, _) = await idp.ClientCredentialsAsync(clientId, secret, portal.Scope("second.read"));
        Assert.Equal(200, granted);
    }

    [Fact]
    public async Task A_deleted_application_leaves_no_client_at_the_identity_provider_and_its_requests_are_revoked()
    {
        var (portal, idp, dev, requestId, applicationId) = await ProvisionedApplicationAsync("ivy");
        var credentials = Assert.Single((await portal.CredentialsAsync(dev, applicationId)).GetProperty("credentials").EnumerateArray());

        var deleted = await portal.GraphQL.SendAsync("""
            mutation($input: DeleteInput!) { deleteApplication(input: $input) { deletedId errors { code message } } }
            """, new { input = new { id = applicationId } }, dev);
        Assert.Equal(applicationId, deleted.Payload("deleteApplication").GetProperty("deletedId").GetString());

        Assert.Empty(await idp.ClientsOfApplicationAsync(applicationId));
        var (status, body) = await idp.ClientCredentialsAsync(
            credentials.GetProperty("clientId").GetString()!, credentials.GetProperty("clientSecret").GetString()!, portal.Scope("rot.read"));
        Assert.Equal(401, status);
        Assert.Equal("invalid_client", body.GetProperty("error").GetString());
        var admin = await portal.AdminTokenAsync();
        await Eventually.ReturnsAsync(
            async () => (await portal.GraphQL.SendAsync("query($id: ID!) { accessRequest(id: $id) { status } }", new { id = requestId }, admin))
                .At("accessRequest.status").GetString(),
            s => s == "REVOKED",
            TimeSpan.FromSeconds(30),
            "the deleted application's access request becoming REVOKED");
    }

    private async Task<(PortalScenario Portal, DevIdentityProvider Idp, string Developer, string RequestId, string ApplicationId)> ProvisionedApplicationAsync(string developer)
    {
        var idp = DevIdentityProvider.Shared;
        var portal = new PortalScenario(host, idp);
        var admin = await portal.AdminTokenAsync();
        await portal.CreateProviderAsync(admin);
        var product = await portal.CreateProductAsync(admin, "rot", "rot.read");
        var plan = await portal.CreatePlanAsync(admin, "basic", autoApprove: false, "plan.basic");
        var dev = await portal.DeveloperTokenAsync(developer);
        var (requestId, applicationId) = await portal.CheckoutAsync(dev, product, plan);
        var approved = await portal.ApproveAsync(admin, requestId);
        Assert.Equal("ACTIVE", approved.GetProperty("status").GetString());
        return (portal, idp, dev, requestId, applicationId);
    }
}
