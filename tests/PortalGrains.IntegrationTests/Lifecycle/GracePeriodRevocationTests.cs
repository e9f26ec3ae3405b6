using System.Text.Json;
using PortalGrains.IntegrationTests.Gateway;
using PortalGrains.IntegrationTests.Infrastructure;
using PortalGrains.Testing;

namespace PortalGrains.IntegrationTests.Lifecycle;

/// <summary>
/// A client replaced by a secret rotation with a grace period (the dev IdP rotates by registering a replacement)
/// must not outlive a revocation or a deletion: checked at the dev IdP with real token requests, and with verifyToken.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class GracePeriodRevocationTests(PortalHost host)
{
    private const int OneHour = 3600;
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_revoked_scope_is_refused_to_the_client_replaced_by_a_rotation_with_a_grace_period()
    {
        var app = await ProvisionedAsync("ann");
        var (old, _) = await RotateAsync(app, OneHour);
        await RevokeFirstRequestUntilTheReplacedClientLosesItsScopeAsync(app, old, "the replaced client losing the revoked scope");
    }

    [Fact]
    public async Task A_deleted_application_leaves_neither_its_client_nor_the_one_in_its_grace_period()
    {
        var app = await ProvisionedAsync("bea");
        var (old, current) = await RotateAsync(app, OneHour);

        var deleted = await app.Portal.GraphQL.SendAsync("""
            mutation($input: DeleteInput!) { deleteApplication(input: $input) { deletedId errors { code message } } }
            """, new { input = new { id = app.ApplicationId } }, app.Developer);
        Assert.Equal(app.ApplicationId, deleted.Payload("deleteApplication").GetProperty("deletedId").GetString());

        await Eventually.ReturnsAsync(
            () => app.Idp.ClientsOfApplicationAsync(app.ApplicationId), clients => clients.Count == 0, Settle,
            "no client of the deleted application left at the IdP");
        foreach (var client in new[] { old, current })
        {
            var (status, body) = await app.Idp.ClientCredentialsAsync(client.Id, client.Secret, app.FirstScope);
            Assert.Equal(401, status);
            Assert.Equal("invalid_client", body.GetProperty("error").GetString());
        }
    }

    [Fact]
    public async Task Revoking_one_of_two_requests_takes_its_scope_from_the_client_in_its_grace_period_too()
    {
        var app = await ProvisionedAsync("cid", withSecondRequest: true);
        var (old, current) = await RotateAsync(app, OneHour);
        await RevokeFirstRequestUntilTheReplacedClientLosesItsScopeAsync(app, old, "the replaced client losing the revoked request's scope");
        var (refused, body) = await app.Idp.ClientCredentialsAsync(current.Id, current.Secret, app.FirstScope);
        Assert.Equal((400, "invalid_scope"), (refused, body.GetProperty("error").GetString()));
        Assert.Equal(200, (await app.Idp.ClientCredentialsAsync(current.Id, current.Secret, app.SecondScope!)).Status);
    }

    [Fact]
    public async Task VerifyToken_no_longer_names_the_application_for_a_token_of_its_deleted_replaced_client()
    {
        var app = await ProvisionedAsync("dov", withSecondRequest: true);
        var (old, current) = await RotateAsync(app, OneHour);
        // Taken while the replaced client is in its grace period, and not verified before it is deleted: so no silo
        // remembers its client's application (Portal:Gateway:ApplicationLookupTimeToLive).
        var (status, issued) = await app.Idp.ClientCredentialsAsync(old.Id, old.Secret, app.SecondScope!);
        Assert.Equal(200, status);
        var oldToken = issued.GetProperty("access_token").GetString()!;

        await RevokeAsync(app, app.FirstRequest);
        await Eventually.ReturnsAsync(
            () => app.Idp.ClientCredentialsAsync(old.Id, old.Secret, app.SecondScope!),
            r => r.Status == 401,
            Settle,
            "the replaced client deleted at the IdP");

        var flow = new GatewayFlow(app.Portal, app.Idp);
        var (currentStatus, currentIssued) = await app.Idp.ClientCredentialsAsync(current.Id, current.Secret, app.SecondScope!);
        Assert.Equal(200, currentStatus);
        var named = await flow.VerifyOnceIssuerKnownAsync(currentIssued.GetProperty("access_token").GetString()!, app.Developer);
        Assert.Equal(app.ApplicationId, named.GetProperty("applicationId").GetString());
        var verdict = await flow.VerifyAsync(oldToken, app.Developer);
        Assert.Equal(old.Id, verdict.GetProperty("clientId").GetString());
        Assert.Equal(JsonValueKind.Null, verdict.GetProperty("applicationId").ValueKind);
    }

    private static async Task RevokeAsync(ProvisionedApplication app, string requestId)
    {
        var revoked = await app.Portal.GraphQL.SendAsync("""
            mutation($input: DecideInput!) { revokeAccessRequest(input: $input) { accessRequest { status } errors { code message } } }
            """, new { input = new { id = requestId, reason = "no longer needed" } }, app.Developer);
        Assert.Equal("REVOKED", revoked.Payload("revokeAccessRequest").GetProperty("accessRequest").GetProperty("status").GetString());
    }

    /// <returns>The client before the rotation and the one after.</returns>
    private static async Task<(Client Old, Client Current)> RotateAsync(ProvisionedApplication app, int gracePeriodSeconds)
    {
        var before = await CurrentClientAsync(app);
        var rotated = await app.Portal.GraphQL.SendAsync("""
            mutation($input: RotateSecretInput!) { rotateClientSecret(input: $input) { application { id } errors { code message } } }
            """, new { input = new { applicationId = app.ApplicationId, providerId = app.Portal.ProviderId, gracePeriodSeconds } }, app.Developer);
        Assert.Equal(0, rotated.Payload("rotateClientSecret").GetProperty("errors").GetArrayLength());
        var after = await CurrentClientAsync(app);
        Assert.NotEqual(before.Id, after.Id);
        return (before, after);
    }

    private static async Task<Client> CurrentClientAsync(ProvisionedApplication app)
    {
        var credentials = Assert.Single((await app.Portal.CredentialsAsync(app.Developer, app.ApplicationId)).GetProperty("credentials").EnumerateArray());
        return new Client(credentials.GetProperty("clientId").GetString()!, credentials.GetProperty("clientSecret").GetString()!);
    }

    private async Task<ProvisionedApplication> ProvisionedAsync(string developer, bool withSecondRequest = false)
    {
        var idp = DevIdentityProvider.Shared;
        var portal = new PortalScenario(host, idp);
        var admin = await portal.AdminTokenAsync();
        await portal.CreateProviderAsync(admin);
        var product = await portal.CreateProductAsync(admin, "grace", "grace.read");
        var plan = await portal.CreatePlanAsync(admin, "basic", autoApprove: true, "plan.basic");
        var dev = await portal.DeveloperTokenAsync(developer);
        var (firstRequest, applicationId) = await portal.CheckoutAsync(dev, product, plan);
        string? secondScope = null;
        if (withSecondRequest)
        {
            var second = await portal.CreateProductAsync(admin, "second", "second.read");
            await portal.CheckoutAsync(dev, second, await portal.CreatePlanAsync(admin, "p2", autoApprove: true, "plan.two"), applicationId);
            secondScope = portal.Scope("second.read");
        }

        var credentials = Assert.Single((await portal.CredentialsAsync(dev, applicationId)).GetProperty("credentials").EnumerateArray());
        Assert.Contains(portal.Scope("grace.read"), credentials.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        if (secondScope is not null)
        {
            Assert.Contains(secondScope, credentials.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        }

        return new ProvisionedApplication(portal, idp, dev, applicationId, firstRequest, portal.Scope("grace.read"), secondScope);
    }

    private sealed record Client(string Id, string Secret)
    {
        public override string ToString() => $"Client {{ Id = {Id} }}";
    }

    private sealed record ProvisionedApplication(
        PortalScenario Portal, DevIdentityProvider Idp, string Developer, string ApplicationId, string FirstRequest, string FirstScope, string? SecondScope);

    /// <summary>The replaced client holds the first request's scope; revoking that request takes it away, at once.</summary>
    private static async Task RevokeFirstRequestUntilTheReplacedClientLosesItsScopeAsync(ProvisionedApplication app, Client old, string what)
    {
        Assert.Equal(200, (await app.Idp.ClientCredentialsAsync(old.Id, old.Secret, app.FirstScope)).Status);

        await RevokeAsync(app, app.FirstRequest);

        await Eventually.ReturnsAsync(
            () => app.Idp.ClientCredentialsAsync(old.Id, old.Secret, app.FirstScope), r => r.Status != 200, Settle, what);
    }
}
