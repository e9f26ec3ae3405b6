using static PortalGrains.Gateway.Tests.GatewaySamples;

namespace PortalGrains.Gateway.Tests;

public sealed class CatalogScopeMatcherTests
{
    private static readonly string[] IssuerProviders = ["idp-a"];

    [Fact]
    public void A_product_is_granted_only_when_all_its_scopes_are_in_the_token()
    {
        var catalog = Snapshot(
            [
                Product("orders", "idp-a", "pol-orders", true, "orders.read", "orders.write"),
                Product("billing", "idp-a", "pol-billing", true, "billing.read"),
            ],
            []);

        Assert.Equal(["orders"], CatalogScopeMatcher.MatchProducts(catalog, Scopes("orders.read", "orders.write", "other"), IssuerProviders).ToArray());
        Assert.Empty(CatalogScopeMatcher.MatchProducts(catalog, Scopes("orders.read"), IssuerProviders).ToArray());
        Assert.Equal(
            ["orders", "billing"],
            CatalogScopeMatcher.MatchProducts(catalog, Scopes("billing.read", "orders.write", "orders.read"), IssuerProviders).ToArray());
    }

    [Fact]
    public void A_product_at_another_provider_without_a_provider_or_without_scopes_is_never_granted()
    {
        var catalog = Snapshot(
            [
                Product("elsewhere", "idp-b", "pol", true, "orders.read"),
                Product("no-provider", null, "pol", true, "orders.read"),
                Product("no-scopes", "idp-a", "pol", true),
            ],
            []);

        Assert.Empty(CatalogScopeMatcher.MatchProducts(catalog, Scopes("orders.read"), IssuerProviders).ToArray());
    }

    [Fact]
    public void Unpublished_products_are_matched_too_so_that_existing_consumers_keep_their_mapping()
    {
        var catalog = Snapshot([Product("hidden", "idp-a", "pol", false, "s")], []);

        Assert.Equal(["hidden"], CatalogScopeMatcher.MatchProducts(catalog, Scopes("s"), IssuerProviders).ToArray());
    }

    [Fact]
    public void A_plan_is_granted_when_it_has_scopes_and_the_token_has_them_all_along_with_a_product_of_its_provider()
    {
        var catalog = Snapshot(
            [Product("orders", "idp-a", "pol-orders", true, "orders.read")],
            [Plan("gold", "pol-gold", "gold", "support"), Plan("free", "pol-free"), Plan("silver", null, "silver")]);

        Assert.Equal(["gold"], CatalogScopeMatcher.MatchPlans(catalog, Scopes("orders.read", "support", "gold"), IssuerProviders).ToArray());
        Assert.Empty(CatalogScopeMatcher.MatchPlans(catalog, Scopes("orders.read", "gold"), IssuerProviders).ToArray());
        Assert.Equal(["silver"], CatalogScopeMatcher.MatchPlans(catalog, Scopes("orders.read", "silver"), IssuerProviders).ToArray());
        Assert.Empty(CatalogScopeMatcher.MatchPlans(catalog, Scopes(), IssuerProviders).ToArray());
    }

    [Fact]
    public void Plans_are_matched_only_through_the_token_providers_products_even_when_another_provider_shares_the_scope_names()
    {
        // Both providers name their product scope "orders.read"; the plans were meant for B's product.
        var catalog = Snapshot(
            [
                Product("a-orders", "idp-a", "pol-a", true, "orders.read", "orders.write"),
                Product("b-orders", "idp-b", "pol-b", true, "orders.read"),
            ],
            [Plan("b-gold", "pol-gold", "gold"), Plan("b-orders-plan", "pol-orders", "orders.read")]);

        // A's token has B's product scope and plan scope but not all of A's product: neither B's product nor its plans.
        var tokenOfA = Scopes("orders.read", "gold");
        Assert.Empty(CatalogScopeMatcher.MatchProducts(catalog, tokenOfA, IssuerProviders).ToArray());
        Assert.Empty(CatalogScopeMatcher.MatchPlans(catalog, tokenOfA, IssuerProviders).ToArray());

        // The same scopes issued by B grant B's product and, through it, the plans.
        Assert.Equal(["b-orders"], CatalogScopeMatcher.MatchProducts(catalog, tokenOfA, ["idp-b"]).ToArray());
        Assert.Equal(["b-gold", "b-orders-plan"], CatalogScopeMatcher.MatchPlans(catalog, tokenOfA, ["idp-b"]).ToArray());

        // Once A's token grants A's product, a plan it carries is matched through that product.
        Assert.Equal(
            ["b-gold", "b-orders-plan"],
            CatalogScopeMatcher.MatchPlans(catalog, Scopes("orders.read", "orders.write", "gold"), IssuerProviders).ToArray());
    }
}
