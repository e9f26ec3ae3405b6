using System.Globalization;
using System.Text.Json;
using PortalGrains.Testing;
using Xunit.Abstractions;

namespace PortalGrains.IntegrationTests.Faults;

/// <summary>
/// A client replaced by a secret rotation whose grace period ends while the IdP cannot delete it: its deletion is
/// tried again with the delays of <c>Portal:Provisioning</c> (here <see cref="FaultHostSettings.Resilient"/>:
/// FirstRetryDelay 200 ms, MaxRetryDelay 1 s, each with Backoff's jitter of ±20 %), not in a loop.
/// </summary>
[Collection(ResilientFaultsCollection.Name)]
public sealed class GracePeriodOutageFaultTests(ResilientPortalHost host, ITestOutputHelper output)
{
    private const string RotateMutation = """
        mutation($input: RotateSecretInput!) { rotateClientSecret(input: $input) { application { id } errors { code message } } }
        """;

    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>Below Backoff's shortest jitter (0.8), so that only a delay that was not waited for fails.</summary>
    private const double Slack = 0.75;

    [Fact]
    public async Task A_replaced_client_whose_deletion_fails_while_the_idp_is_down_is_retried_with_backoff_and_deleted_once_it_is_back()
    {
        await using var world = await FaultWorld.StartAsync(host.Portal, seed: 13);
        var (applicationId, old, current) = await RotatedWithGracePeriodAsync(world, "tara", world.Proxy.StopListening);
        var attempts = await FailedDeletionsAsync(world, applicationId, count: 4);

        var gaps = Gaps(attempts);
        Assert.True(attempts.Count < 8, $"{attempts.Count} failed deletions by the time the 4th was seen: they are not backed off");
        for (var i = 0; i < gaps.Count; i++)
        {
            // the gap after the (i+1)th failure is at least that attempt's backoff
            var backoff = FirstRetryDelay * Math.Pow(2, i) < MaxRetryDelay ? FirstRetryDelay * Math.Pow(2, i) : MaxRetryDelay;
            Assert.True(gaps[i] >= backoff * Slack,
                $"retry {i + 2} came {gaps[i].TotalMilliseconds:0} ms after the previous failure; the backoff is {backoff.TotalMilliseconds:0} ms");
        }

        world.Proxy.StartListening();
        await AssertDeletedAtIdpAsync(world, applicationId, old, current);
        world.PrintProxyFigures(output);
    }

    [Fact]
    public async Task A_replaced_client_the_idp_refuses_to_delete_is_tried_again_after_the_longest_retry_delay_not_at_once()
    {
        await using var world = await FaultWorld.StartAsync(host.Portal, seed: 14);
        // 403: a permanent failure, so no retry is left to wait for
        var (applicationId, old, current) = await RotatedWithGracePeriodAsync(world, "ugo",
            () => world.Proxy.Add(new FaultRule("DELETE", "/reg/*", FaultKind.ServerError) { Statuses = [403] }));
        var attempts = await FailedDeletionsAsync(world, applicationId, count: 3);

        Assert.True(attempts.Count < 5, $"{attempts.Count} failed deletions by the time the 3rd was seen: they are tried again at once");
        Assert.All(Gaps(attempts), gap => Assert.True(gap >= MaxRetryDelay * Slack,
            $"a deletion refused for good was tried again {gap.TotalMilliseconds:0} ms later"));

        world.Proxy.ClearRules();
        await AssertDeletedAtIdpAsync(world, applicationId, old, current);
        world.PrintProxyFigures(output);
    }

    /// <summary>
    /// An application provisioned through the proxy whose secret was rotated with a grace period of 2 s, the fault
    /// in place before the grace period ends.
    /// </summary>
    private static async Task<(string ApplicationId, string Old, string Current)> RotatedWithGracePeriodAsync(
        FaultWorld world, string developerName, Action fault)
    {
        await world.CreateProviderAsync();
        var (product, plan) = await world.CreateCatalogueAsync("grace", "g.read");
        var developer = await world.Portal.DeveloperTokenAsync(developerName);
        var (requestId, applicationId) = await world.Portal.CheckoutAsync(developer, product, plan);
        await world.Portal.ApproveAsync(world.Admin, requestId);
        await world.WaitForStatusAsync(requestId, "ACTIVE", TimeSpan.FromSeconds(30));
        var old = Assert.Single(await world.PortalClientIdsAsync(developer, applicationId));

        var rotated = await world.Portal.GraphQL.SendAsync(
            RotateMutation, new { input = new { applicationId, providerId = world.ProviderId, gracePeriodSeconds = 2 } }, developer);
        fault();
        Assert.Equal(0, rotated.Payload("rotateClientSecret").GetProperty("errors").GetArrayLength());
        var current = Assert.Single(await world.PortalClientIdsAsync(developer, applicationId));
        Assert.NotEqual(old, current);
        Assert.Contains(old, await world.IdpClientIdsAsync(applicationId));
        return (applicationId, old, current);
    }

    /// <returns>When each failed deletion was recorded, as soon as at least <paramref name="count"/> are.</returns>
    private async Task<List<DateTimeOffset>> FailedDeletionsAsync(FaultWorld world, string applicationId, int count)
    {
        var operations = await Eventually.ReturnsAsync(
            () => world.OperationsAsync(applicationId),
            ops => FailedDeletions(ops).Count >= count,
            TimeSpan.FromSeconds(40),
            $"{count} failed deletions of the replaced client of application {applicationId}");
        var attempts = FailedDeletions(operations)
            .Select(o => DateTimeOffset.Parse(o.GetProperty("at").GetString()!, CultureInfo.InvariantCulture))
            .ToList();
        output.WriteLine($"{attempts.Count} failed deletions seen; gaps {string.Join(", ", Gaps(attempts).Select(g => $"{g.TotalMilliseconds:0} ms"))}; "
            + $"last detail: \"{FailedDeletions(operations)[^1].GetProperty("detail").GetString()}\"");
        return attempts;
    }

    private static async Task AssertDeletedAtIdpAsync(FaultWorld world, string applicationId, string old, string current)
    {
        var atIdp = await Eventually.ReturnsAsync(
            () => world.IdpClientIdsAsync(applicationId),
            ids => !ids.Contains(old),
            TimeSpan.FromSeconds(30),
            "the replaced client deleted at the IdP");
        Assert.Equal([current], atIdp);
    }

    private static List<TimeSpan> Gaps(List<DateTimeOffset> times) => [.. times.Zip(times.Skip(1), (earlier, later) => later - earlier)];

    private static List<JsonElement> FailedDeletions(IEnumerable<JsonElement> operations) =>
        [.. operations.Where(o => o.GetProperty("operation").GetString() == "Delete" && o.GetProperty("outcome").GetString() == "failed")];
}
