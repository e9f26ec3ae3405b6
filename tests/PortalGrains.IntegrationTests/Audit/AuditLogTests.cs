using System.Text.Json;
using PortalGrains.IntegrationTests.Infrastructure;
using PortalGrains.Testing;

namespace PortalGrains.IntegrationTests.Audit;

[Collection(PortalCollection.Name)]
public sealed class AuditLogTests(PortalHost host)
{
    private const string AuditQuery = """
        query($first: Int, $after: String) { auditLog(first: $first, after: $after) {
          totalCount pageInfo { hasNextPage endCursor } nodes { id at actor action subjectType subjectId detail } } }
        """;

    [Fact]
    public async Task Admin_changes_are_listed_newest_first_with_their_actor_and_page_on()
    {
        var portal = new PortalScenario(host, DevIdentityProvider.Shared);
        var admin = await portal.AdminTokenAsync();
        await portal.CreateProviderAsync(admin);
        var product = await portal.CreateProductAsync(admin, "audited", "audited.read");
        var plan = await portal.CreatePlanAsync(admin, "audited", autoApprove: false, "plan.audited");
        var developer = await portal.DeveloperTokenAsync("audit-dev");
        var (requestId, _) = await portal.CheckoutAsync(developer, product, plan);
        var rejected = await portal.GraphQL.SendAsync(
            "mutation($id: ID!) { rejectAccessRequest(input: {id: $id, reason: \"not this quarter\"}) { errors { code } } }", new { id = requestId }, admin);
        Assert.Equal(0, rejected.Payload("rejectAccessRequest").GetProperty("errors").GetArrayLength());
        var adminId = (await portal.GraphQL.SendAsync("{ viewer { id } }", token: admin)).At("viewer.id").GetString();

        var page = await portal.GraphQL.SendAsync(AuditQuery, new { first = 100 }, admin);
        Assert.False(page.HasErrors, page.ToString());
        var entries = page.At("auditLog.nodes").EnumerateArray().ToList();
        var mine = entries.Where(e => new[] { portal.ProviderId, product, plan, requestId }.Contains(e.GetProperty("subjectId").GetString())).ToList();
        Assert.Equal(
            ["accessRequest.reject", "plan.upsert", "product.upsert", "provider.upsert"],
            mine.Select(e => e.GetProperty("action").GetString()));
        Assert.All(mine, e => Assert.Equal(adminId, e.GetProperty("actor").GetString()));
        Assert.Equal("not this quarter", mine[0].GetProperty("detail").GetString());
        var times = entries.Select(e => e.GetProperty("at").GetDateTimeOffset()).ToList();
        Assert.Equal(times.OrderByDescending(t => t), times);

        // Page by page (two at a time): the same entries in the same order (entries recorded meanwhile come first).
        var firstIds = entries.Select(e => e.GetProperty("id").GetString()!).ToList();
        var paged = new List<string>();
        string? after = null;
        var hasNext = true;
        while (hasNext && paged.Count(firstIds.Contains) < firstIds.Count)
        {
            var next = await portal.GraphQL.SendAsync(AuditQuery, new { first = 2, after }, admin);
            Assert.False(next.HasErrors, next.ToString());
            paged.AddRange(next.At("auditLog.nodes").EnumerateArray().Select(e => e.GetProperty("id").GetString()!));
            after = next.At("auditLog.pageInfo.endCursor").GetString();
            hasNext = next.At("auditLog.pageInfo.hasNextPage").GetBoolean();
        }

        Assert.Equal(firstIds, paged.Where(firstIds.Contains));
    }

    [Fact]
    public async Task A_cursor_that_no_page_returned_is_bad_input()
    {
        var portal = new PortalScenario(host, DevIdentityProvider.Shared);
        var admin = await portal.AdminTokenAsync();
        var response = await portal.GraphQL.SendAsync(AuditQuery, new { first = 2, after = "bm90LWEtY3Vyc29y" }, admin);
        Assert.Contains("BAD_USER_INPUT", response.ErrorCodes);
        Assert.Equal(JsonValueKind.Null, response.Body.GetProperty("data").ValueKind);
    }
}
