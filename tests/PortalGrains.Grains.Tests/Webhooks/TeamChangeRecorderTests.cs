using Microsoft.Extensions.DependencyInjection;
using PortalGrains.Abstractions.Audit;
using PortalGrains.Abstractions.Common;
using PortalGrains.Abstractions.Webhooks;
using PortalGrains.Grains.Tests.Support;
using PortalGrains.Grains.Webhooks;

namespace PortalGrains.Grains.Tests.Webhooks;

[Collection(ClusterCollection.Name)]
public sealed class TeamChangeRecorderTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_membership_change_is_audited_and_its_event_is_in_the_outbox_of_the_team()
    {
        var teamId = "team-" + Guid.NewGuid().ToString("N");
        // An endpoint nobody answers at: the event stays pending in the team's outbox shard.
        var registry = fixture.Client.GetGrain<IWebhookRegistryGrain>(IWebhookRegistryGrain.Key);
        var saved = await registry.UpsertAsync(null, new WebhookUpsert("https://127.0.0.1:1/hooks", [WebhookEventType.TeamMembershipChanged], null, true), new Caller("admin", true));
        Assert.True(saved.Succeeded);
        var shard = fixture.Client.GetGrain<IWebhookOutboxGrain>(WebhookOutboxShards.KeyFor(teamId));
        var before = await shard.GetPendingCountAsync();

        await fixture.SiloServices.GetRequiredService<TeamChangeRecorder>()
            .RecordMembershipChangeAsync("owner-1", teamId, new { id = teamId, name = "Blue" }, "ada joined as MEMBER");

        Assert.Equal(before + 1, await shard.GetPendingCountAsync());
        var audit = await fixture.SiloServices.GetRequiredService<IAuditLog>().PageAsync(100, null);
        var entry = Assert.Single(audit.Entries, e => e.SubjectId == teamId);
        Assert.Equal(("owner-1", "team.membershipChanged", "Team", "ada joined as MEMBER"), (entry.Actor, entry.Action, entry.SubjectType, entry.Detail));
        Assert.True((await registry.DeleteAsync(saved.Value!.Webhook.Id, new Caller("admin", true))).Succeeded);
    }
}
