using System.Text.Json;
using PortalGrains.IntegrationTests.Infrastructure;
using PortalGrains.Testing;
using static PortalGrains.IntegrationTests.Gateway.GatewayFlow;

namespace PortalGrains.IntegrationTests.Gateway;

[Collection(PortalCollection.Name)]
public sealed class TokenVerificationTests(PortalHost host)
{
    [Fact]
    public async Task A_provisioned_clients_token_is_valid_and_leads_to_its_application_product_and_plan()
    {
        var idp = DevIdentityProvider.Shared;
        var flow = new GatewayFlow(new PortalScenario(host, idp), idp);
        var admin = await flow.Portal.AdminTokenAsync();
        var client = await flow.ProvisionAsync(admin);
        var token = await flow.AccessTokenAsync(client, client.ProductScope, client.PlanScope);

        var owner = await flow.VerifyOnceIssuerKnownAsync(token, client.OwnerToken);
        Assert.True(owner.GetProperty("valid").GetBoolean(), owner.ToString());
        Assert.Null(Reason(owner));
        Assert.Equal(idp.IssuerText, owner.GetProperty("issuer").GetString());
        Assert.Equal(client.ClientId, owner.GetProperty("clientId").GetString());
        Assert.Equal(new[] { client.ProductScope, client.PlanScope }.Order(), Strings(owner.GetProperty("scopes")).Order());
        Assert.InRange(owner.GetProperty("expiresAt").GetDateTimeOffset(), DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(1));
        Assert.Equal(client.ApplicationId, owner.GetProperty("applicationId").GetString());
        Assert.Equal([client.ProductId], Ids(owner, "products"));
        Assert.Equal([client.PlanId], Ids(owner, "plans"));

        // An admin sees the application too; another developer learns that the token is valid, not whose it is.
        var asAdmin = await flow.VerifyAsync(token, admin);
        Assert.Equal(client.ApplicationId, asAdmin.GetProperty("applicationId").GetString());
        var asOther = await flow.VerifyAsync(token, await flow.Portal.DeveloperTokenAsync("bob"));
        Assert.True(asOther.GetProperty("valid").GetBoolean(), asOther.ToString());
        Assert.Equal(JsonValueKind.Null, asOther.GetProperty("applicationId").ValueKind);

        // A token with the product's scope alone grants the product and no plan.
        var productOnly = await flow.VerifyAsync(await flow.AccessTokenAsync(client, client.ProductScope), client.OwnerToken);
        Assert.True(productOnly.GetProperty("valid").GetBoolean(), productOnly.ToString());
        Assert.Equal([client.ProductId], Ids(productOnly, "products"));
        Assert.Empty(Ids(productOnly, "plans"));
    }

    [Fact]
    public async Task A_token_lists_plans_only_through_its_own_providers_products_and_returns_its_audience()
    {
        var idp = DevIdentityProvider.Shared;
        var flow = new GatewayFlow(new PortalScenario(host, idp), idp);
        var admin = await flow.Portal.AdminTokenAsync();
        var client = await flow.ProvisionAsync(admin);

        // Another provider, at another issuer, whose product has the very scope name the first provider's plan adds.
        await using var otherIdp = await DevIdentityProvider.StartOwnAsync();
        var other = new PortalScenario(host, otherIdp);
        await other.CreateProviderAsync(admin);
        var otherProduct = await CreateProductAsync(other, admin, client.PlanScope);

        // The plan's scope alone, without the product it was requested with: no product of the token's provider, so no plan.
        var planOnly = await flow.AccessTokenAsync(client, client.PlanScope);
        var verdict = await flow.VerifyOnceIssuerKnownAsync(planOnly, client.OwnerToken);
        Assert.True(verdict.GetProperty("valid").GetBoolean(), verdict.ToString());
        Assert.Equal([client.PlanScope], Strings(verdict.GetProperty("scopes")));
        Assert.Empty(Ids(verdict, "products"));
        Assert.DoesNotContain(otherProduct, Ids(verdict, "products"));
        Assert.Empty(Ids(verdict, "plans"));

        // With its product the plan is reached through it.
        var full = await flow.VerifyAsync(await flow.AccessTokenAsync(client, client.ProductScope, client.PlanScope), client.OwnerToken);
        Assert.Equal([client.ProductId], Ids(full, "products"));
        Assert.Equal([client.PlanId], Ids(full, "plans"));

        // The token's aud, as the IdP issued it, for the gateway to check its own; the same from the answer cache.
        var audience = Strings(verdict.GetProperty("audience"));
        Assert.NotEmpty(audience);
        Assert.Equal(AudienceClaim(planOnly), audience);
        Assert.Equal(audience, Strings((await flow.VerifyAsync(planOnly, client.OwnerToken)).GetProperty("audience")));
    }

    [Fact]
    public async Task A_second_provider_of_an_issuer_already_in_use_is_seen_as_soon_as_its_product_is()
    {
        await using var idp = await DevIdentityProvider.StartOwnAsync();
        var first = new GatewayFlow(new PortalScenario(host, idp), idp);
        var firstClient = await first.ProvisionAsync(await first.Portal.AdminTokenAsync());
        var known = await first.VerifyOnceIssuerKnownAsync(await first.AccessTokenAsync(firstClient, firstClient.ProductScope), firstClient.OwnerToken);
        Assert.Equal(firstClient.ApplicationId, known.GetProperty("applicationId").GetString());

        // Same IdP, same issuer, another provider: its token must lead to its own application and product at once,
        // not once the silo's issuer directory happens to be read again.
        var second = new GatewayFlow(new PortalScenario(host, idp), idp);
        var secondClient = await second.ProvisionAsync(await second.Portal.AdminTokenAsync());
        var verdict = await second.VerifyAsync(await second.AccessTokenAsync(secondClient, secondClient.ProductScope), secondClient.OwnerToken);

        Assert.True(verdict.GetProperty("valid").GetBoolean(), verdict.ToString());
        Assert.Equal(secondClient.ApplicationId, verdict.GetProperty("applicationId").GetString());
        Assert.Equal([secondClient.ProductId], Ids(verdict, "products"));
    }

    [Fact]
    public async Task Forged_and_foreign_tokens_are_refused_with_a_precise_reason()
    {
        var idp = DevIdentityProvider.Shared;
        var portal = new PortalScenario(host, idp);
        var flow = new GatewayFlow(portal, idp);
        await portal.CreateProviderAsync(await portal.AdminTokenAsync());
        // Any token the provider's IdP signed serves as the original: here the caller's own login token.
        var caller = await portal.DeveloperTokenAsync("eve");
        var genuine = await flow.VerifyOnceIssuerKnownAsync(caller, caller);
        Assert.True(genuine.GetProperty("valid").GetBoolean(), genuine.ToString());

        var tampered = await flow.VerifyAsync(ForgedTokens.WithTamperedSignature(caller), caller);
        Assert.Equal("invalid signature", Reason(tampered));
        Assert.False(tampered.GetProperty("valid").GetBoolean());
        Assert.Empty(Strings(tampered.GetProperty("scopes")));
        Assert.Equal("unsupported algorithm", Reason(await flow.VerifyAsync(ForgedTokens.Unsigned(caller), caller)));
        Assert.Equal(
            "unsupported algorithm",
            Reason(await flow.VerifyAsync(ForgedTokens.HmacSignedWithPublicKey(caller, await idp.JwksAsync()), caller)));
        Assert.Equal("malformed", Reason(await flow.VerifyAsync("not-a-jwt", caller)));

        // A real IdP that no provider of the portal uses.
        await using var foreign = await DevIdentityProvider.StartOwnAsync();
        var foreignToken = await foreign.LoginTokenAsync("eve-" + Guid.NewGuid().ToString("N")[..8]);
        var unknown = await flow.VerifyAsync(foreignToken, caller);
        Assert.Equal("unknown issuer", Reason(unknown));
        Assert.False(unknown.GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task A_token_is_reported_expired_once_its_lifetime_has_passed()
    {
        await using var idp = await DevIdentityProvider.StartOwnAsync(new Dictionary<string, string> { ["ACCESS_TOKEN_TTL_SECONDS"] = "2" });
        var flow = new GatewayFlow(new PortalScenario(host, idp), idp);
        var client = await flow.ProvisionAsync(await flow.Portal.AdminTokenAsync());
        // The IdP's login tokens live an hour: one of them waits until the silo knows the new issuer.
        var probe = await flow.VerifyOnceIssuerKnownAsync(await idp.LoginTokenAsync("probe-" + client.ApplicationId), client.OwnerToken);
        Assert.True(probe.GetProperty("valid").GetBoolean(), probe.ToString());

        var token = await flow.AccessTokenAsync(client, client.ProductScope);
        var fresh = await flow.VerifyAsync(token, client.OwnerToken);
        Assert.True(fresh.GetProperty("valid").GetBoolean(), fresh.ToString());

        // The first answer is remembered until exp: the expiry is checked again on every later verification.
        var expired = await Eventually.ReturnsAsync(
            () => flow.VerifyAsync(token, client.OwnerToken),
            v => Reason(v) == "expired",
            TimeSpan.FromSeconds(60),
            "verifyToken reporting the 2-second token expired");
        Assert.False(expired.GetProperty("valid").GetBoolean());
        Assert.Equal(fresh.GetProperty("expiresAt").GetDateTimeOffset(), expired.GetProperty("expiresAt").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, expired.GetProperty("applicationId").ValueKind);
    }

    [Fact]
    public async Task After_the_idp_rotates_its_signing_key_a_new_token_verifies_with_exactly_one_more_jwks_fetch()
    {
        await using var idp = await DevIdentityProvider.StartOwnAsync();
        var flow = new GatewayFlow(new PortalScenario(host, idp), idp);
        var client = await flow.ProvisionAsync(await flow.Portal.AdminTokenAsync());
        var before = await flow.AccessTokenAsync(client, client.ProductScope);
        var first = await flow.VerifyOnceIssuerKnownAsync(before, client.OwnerToken);
        Assert.True(first.GetProperty("valid").GetBoolean(), first.ToString());
        var jwksFetches = (await idp.StatsAsync()).GetProperty("jwks").GetInt32();

        var newKid = await idp.RotateKeysAsync();
        var after = await flow.AccessTokenAsync(client, client.ProductScope);
        Assert.Equal(newKid, ForgedTokens.Header(after).GetProperty("kid").GetString());
        var rotated = await flow.VerifyAsync(after, client.OwnerToken);
        Assert.True(rotated.GetProperty("valid").GetBoolean(), rotated.ToString());
        Assert.Equal(client.ApplicationId, rotated.GetProperty("applicationId").GetString());

        // Both tokens verify again from memory; the old key is still in the JWKS.
        Assert.True((await flow.VerifyAsync(after, client.OwnerToken)).GetProperty("valid").GetBoolean());
        Assert.True((await flow.VerifyAsync(before, client.OwnerToken)).GetProperty("valid").GetBoolean());
        Assert.True((await flow.VerifyAsync(await flow.AccessTokenAsync(client, client.ProductScope), client.OwnerToken)).GetProperty("valid").GetBoolean());
        Assert.Equal(jwksFetches + 1, (await idp.StatsAsync()).GetProperty("jwks").GetInt32());
    }

    private static async Task<string> CreateProductAsync(PortalScenario portal, string admin, string scope)
    {
        var response = await portal.GraphQL.SendAsync("""
            mutation($input: UpsertProductInput!) { upsertProduct(input: $input) { product { id } errors { code message field } } }
            """,
            new
            {
                input = new
                {
                    name = "Same scope " + Guid.NewGuid().ToString("N")[..8], description = "same scope name elsewhere", published = true,
                    dcrEnabled = true, providerId = portal.ProviderId, scopes = new[] { scope }, clientTypeIds = new[] { PortalScenario.M2mClientType },
                },
            },
            admin);
        return response.Payload("upsertProduct").GetProperty("product").GetProperty("id").GetString()!;
    }

    private static IReadOnlyList<string> AudienceClaim(string jwt)
    {
        var aud = ForgedTokens.Payload(jwt).GetProperty("aud");
        return aud.ValueKind == JsonValueKind.Array ? Strings(aud) : [aud.GetString()!];
    }
}
