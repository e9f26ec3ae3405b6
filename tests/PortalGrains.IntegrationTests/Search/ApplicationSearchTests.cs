using System.Text.Json;
using PortalGrains.IntegrationTests.Infrastructure;
using PortalGrains.IntegrationTests.Teams;
using PortalGrains.Testing;

namespace PortalGrains.IntegrationTests.Search;

[Collection(PortalCollection.Name)]
public sealed class ApplicationSearchTests(PortalHost host)
{
    private const string SearchQuery = """
        query($search: String, $first: Int, $after: String) { applications(search: $search, first: $first, after: $after) {
          totalCount pageInfo { hasNextPage endCursor } nodes { id name ownerId } } }
        """;

    private const string Update = "mutation($input: UpdateApplicationInput!) { updateApplication(input: $input) { application { id name } errors { code } } }";

    private const string Delete = "mutation($input: DeleteInput!) { deleteApplication(input: $input) { deletedId errors { code } } }";

    private readonly string _word = "srch" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Admins_find_applications_by_name_id_owner_team_name_and_client_id()
    {
        var portal = new PortalScenario(host, DevIdentityProvider.Shared);
        var admin = await portal.AdminTokenAsync();
        await portal.CreateProviderAsync(admin);
        var product = await portal.CreateProductAsync(admin, "searched", "searched.read");
        var plan = await portal.CreatePlanAsync(admin, "searched", autoApprove: true, "plan.searched");
        var developer = await portal.DeveloperTokenAsync("search-dev");
        var teams = new TeamCalls(portal.GraphQL);
        var ownerId = await teams.ViewerIdAsync(developer);
        var personal = await CheckoutAsync(portal, developer, product, plan, $"Billing {_word} Dashboard");
        var teamName = "Team " + _word;
        var teamId = await teams.CreateTeamAsync(developer, teamName);
        var (_, teamApplication) = await teams.CheckoutForTeamAsync(developer, teamId, product, plan);
        var credentials = await Eventually.ReturnsAsync(
            async () => (await portal.CredentialsAsync(developer, personal)).GetProperty("credentials"),
            found => found.GetArrayLength() == 1, TimeSpan.FromSeconds(30), "the personal application's client");
        var clientId = credentials[0].GetProperty("clientId").GetString()!;

        Assert.Equal([personal], await IdsAsync(portal, admin, _word.ToUpperInvariant()));
        Assert.Equal([personal], await IdsAsync(portal, admin, "billing " + _word));
        Assert.Equal([personal], await IdsAsync(portal, admin, _word[2..] + " dash"));
        Assert.Equal([personal], await IdsAsync(portal, admin, personal));
        Assert.Equal([teamApplication, personal], await IdsAsync(portal, admin, ownerId));
        Assert.Equal([teamApplication], await IdsAsync(portal, admin, teamName.ToLowerInvariant()));
        Assert.Equal([personal], await IdsAsync(portal, admin, clientId));
        Assert.Empty(await IdsAsync(portal, admin, "no-such-" + _word));

        var asDeveloper = await portal.GraphQL.SendAsync(SearchQuery, new { search = _word }, developer);
        Assert.Contains("FORBIDDEN", asDeveloper.ErrorCodes);
    }

    [Fact]
    public async Task Results_come_newest_first_and_page_on_with_after()
    {
        var portal = new PortalScenario(host, DevIdentityProvider.Shared);
        var admin = await portal.AdminTokenAsync();
        await portal.CreateProviderAsync(admin);
        var product = await portal.CreateProductAsync(admin, "paged", "paged.read");
        var plan = await portal.CreatePlanAsync(admin, "paged", autoApprove: false, "plan.paged");
        var developer = await portal.DeveloperTokenAsync("paging-dev");
        var created = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            created.Add(await CheckoutAsync(portal, developer, product, plan, $"{_word} number {i}"));
        }

        var first = await portal.GraphQL.SendAsync(SearchQuery, new { search = _word, first = 2 }, admin);
        Assert.False(first.HasErrors, first.ToString());
        Assert.Equal(3, first.At("applications.totalCount").GetInt32());
        Assert.True(first.At("applications.pageInfo.hasNextPage").GetBoolean());
        var second = await portal.GraphQL.SendAsync(
            SearchQuery, new { search = _word, first = 2, after = first.At("applications.pageInfo.endCursor").GetString() }, admin);
        Assert.False(second.HasErrors, second.ToString());
        Assert.False(second.At("applications.pageInfo.hasNextPage").GetBoolean());
        Assert.Equal(
            Enumerable.Reverse(created),
            Ids(first.At("applications.nodes")).Concat(Ids(second.At("applications.nodes"))));

        var badCursor = await portal.GraphQL.SendAsync(SearchQuery, new { search = _word, after = "bm90LWEtY3Vyc29y" }, admin);
        Assert.Contains("BAD_USER_INPUT", badCursor.ErrorCodes);
    }

    [Fact]
    public async Task A_renamed_application_is_found_by_its_new_name_and_a_deleted_one_no_more()
    {
        var portal = new PortalScenario(host, DevIdentityProvider.Shared);
        var admin = await portal.AdminTokenAsync();
        await portal.CreateProviderAsync(admin);
        var product = await portal.CreateProductAsync(admin, "renamed", "renamed.read");
        var plan = await portal.CreatePlanAsync(admin, "renamed", autoApprove: false, "plan.renamed");
        var developer = await portal.DeveloperTokenAsync("rename-dev");
        var renamed = await CheckoutAsync(portal, developer, product, plan, $"Old {_word}");
        var deleted = await CheckoutAsync(portal, developer, product, plan, $"Doomed {_word}");
        Assert.Equal([deleted, renamed], await IdsAsync(portal, admin, _word));

        var update = await portal.GraphQL.SendAsync(Update, new { input = new { id = renamed, name = "Fresh name " + _word[2..] } }, developer);
        Assert.Equal(0, update.Payload("updateApplication").GetProperty("errors").GetArrayLength());
        Assert.Equal([renamed], await IdsAsync(portal, admin, "fresh NAME " + _word[2..]));
        Assert.Empty(await IdsAsync(portal, admin, "Old " + _word));

        var delete = await portal.GraphQL.SendAsync(Delete, new { input = new { id = deleted } }, developer);
        Assert.Equal(0, delete.Payload("deleteApplication").GetProperty("errors").GetArrayLength());
        var afterDelete = await portal.GraphQL.SendAsync(SearchQuery, new { search = "Doomed " + _word }, admin);
        Assert.Equal(0, afterDelete.At("applications.totalCount").GetInt32());
        Assert.Empty(await IdsAsync(portal, admin, deleted));
    }

    [Fact]
    public async Task A_transferred_application_is_found_by_its_team_name()
    {
        var portal = new PortalScenario(host, DevIdentityProvider.Shared);
        var admin = await portal.AdminTokenAsync();
        await portal.CreateProviderAsync(admin);
        var product = await portal.CreateProductAsync(admin, "moved", "moved.read");
        var plan = await portal.CreatePlanAsync(admin, "moved", autoApprove: false, "plan.moved");
        var developer = await portal.DeveloperTokenAsync("transfer-dev");
        var application = await CheckoutAsync(portal, developer, product, plan, "Moving app");
        var teams = new TeamCalls(portal.GraphQL);
        var teamName = "Movers " + _word;
        var teamId = await teams.CreateTeamAsync(developer, teamName);
        Assert.Empty(await IdsAsync(portal, admin, teamName));

        Assert.Empty(TeamCalls.Codes(await teams.TransferAsync(developer, application, teamId)));
        Assert.Equal([application], await IdsAsync(portal, admin, teamName));
    }

    private static async Task<string> CheckoutAsync(PortalScenario portal, string developer, string product, string plan, string name)
    {
        var response = await portal.GraphQL.SendAsync(PortalScenario.CheckoutMutation, new
        {
            input = new { productId = product, planId = plan, clientTypeId = PortalScenario.M2mClientType, newApplication = new { name } },
        }, developer);
        return response.Payload("checkout").GetProperty("accessRequest").GetProperty("application").GetProperty("id").GetString()!;
    }

    private static async Task<IReadOnlyList<string>> IdsAsync(PortalScenario portal, string admin, string search)
    {
        var response = await portal.GraphQL.SendAsync(SearchQuery, new { search, first = 100 }, admin);
        Assert.False(response.HasErrors, response.ToString());
        return Ids(response.At("applications.nodes"));
    }

    private static IReadOnlyList<string> Ids(JsonElement nodes) => [.. nodes.EnumerateArray().Select(n => n.GetProperty("id").GetString()!)];
}
