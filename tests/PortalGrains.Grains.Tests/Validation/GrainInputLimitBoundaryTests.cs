using PortalGrains.Abstractions.AccessRequests;
using PortalGrains.Abstractions.Applications;
using PortalGrains.Abstractions.Catalog;
using PortalGrains.Abstractions.Common;
using PortalGrains.Grains.AccessRequests;
using PortalGrains.Grains.Tests.Support;

namespace PortalGrains.Grains.Tests.Validation;

/// <summary>
/// The grains accept each <see cref="InputLimits"/> value at the limit and refuse one more with the code the GraphQL
/// layer gives for the same value (GraphQLInputLimitBoundaryTests), so neither layer lets through
/// what the other refuses.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class GrainInputLimitBoundaryTests(ClusterFixture fixture)
{
    private ICatalogGrain Catalog => fixture.Client.GetGrain<ICatalogGrain>(ICatalogGrain.Key);

    [Fact]
    public async Task A_name_is_accepted_up_to_the_limit()
    {
        var atLimit = await Catalog.UpsertProductAsync(null, CatalogSamples.PlainProduct(new string('n', InputLimits.MaxNameLength)), TestIds.Admin());
        var overLimit = await Catalog.UpsertProductAsync(null, CatalogSamples.PlainProduct(new string('n', InputLimits.MaxNameLength + 1)), TestIds.Admin());

        AssertAcceptedThenRefused(atLimit.Errors, overLimit.Errors, UserErrorCodes.TooLong, "name");
    }

    [Fact]
    public async Task An_id_is_accepted_up_to_the_limit()
    {
        var id = TestIds.New("product");

        var atLimit = await Catalog.UpsertProductAsync(id.PadRight(InputLimits.MaxIdLength, 'i'), CatalogSamples.PlainProduct(), TestIds.Admin());
        var overLimit = await Catalog.UpsertProductAsync(id.PadRight(InputLimits.MaxIdLength + 1, 'i'), CatalogSamples.PlainProduct(), TestIds.Admin());

        AssertAcceptedThenRefused(atLimit.Errors, overLimit.Errors, UserErrorCodes.TooLong, "id");
    }

    [Fact]
    public async Task A_redirect_uri_is_accepted_up_to_the_limit()
    {
        const string prefix = "https://app.example.com/";
        var owner = TestIds.Developer();
        var application = fixture.Client.GetGrain<IApplicationGrain>(TestIds.New("app"));
        await application.CreateAsync(new ApplicationDraft(owner.Id, "Redirecting app", null, []));

        var atLimit = await application.UpdateAsync(
            new ApplicationUpdate(null, null, [prefix + new string('a', InputLimits.MaxUrlLength - prefix.Length)]), owner);
        var overLimit = await application.UpdateAsync(
            new ApplicationUpdate(null, null, [prefix + new string('a', InputLimits.MaxUrlLength + 1 - prefix.Length)]), owner);

        AssertAcceptedThenRefused(atLimit.Errors, overLimit.Errors, UserErrorCodes.TooLong, "0");
    }

    [Fact]
    public async Task A_reason_is_accepted_up_to_the_limit()
    {
        var owner = TestIds.Developer();
        var refused = fixture.Client.GetGrain<IAccessRequestGrain>(TestIds.New("request"));
        var rejected = fixture.Client.GetGrain<IAccessRequestGrain>(TestIds.New("request"));
        await refused.CreateAsync(RequestSamples.Draft(owner));
        await rejected.CreateAsync(RequestSamples.Draft(owner));

        var overLimit = await refused.RejectAsync(TestIds.Admin(), new string('r', InputLimits.MaxReasonLength + 1));
        var atLimit = await rejected.RejectAsync(TestIds.Admin(), new string('r', InputLimits.MaxReasonLength));

        AssertAcceptedThenRefused(atLimit.Errors, overLimit.Errors, UserErrorCodes.TooLong, "reason");
        Assert.Equal(AccessRequestStatus.Rejected, atLimit.Value!.Status);
    }

    [Fact]
    public async Task A_grace_period_is_accepted_up_to_the_limit()
    {
        var providerId = await DevProvider.CreateAsync(fixture.Client);
        var owner = TestIds.Developer();
        var application = fixture.Client.GetGrain<IApplicationGrain>(TestIds.New("app"));
        await application.CreateAsync(new ApplicationDraft(owner.Id, "Rotating app", null, []));
        var granted = await application.GrantAsync(
            new AccessGrant(TestIds.New("request"), providerId, DevProvider.MachineToMachine, [$"orders.read:{Guid.NewGuid():N}"]));
        Assert.True(granted.State == ProvisioningState.Active, $"{granted.State}: {granted.AdminDetail}");

        var overLimit = await application.RotateSecretAsync(providerId, InputLimits.MaxGracePeriod + TimeSpan.FromSeconds(1), owner);
        var atLimit = await application.RotateSecretAsync(providerId, InputLimits.MaxGracePeriod, owner);

        AssertAcceptedThenRefused(atLimit.Errors, overLimit.Errors, UserErrorCodes.Invalid, "gracePeriodSeconds");
    }

    /// <summary>The index serves no page longer than the GraphQL layer lets a caller ask for (it refuses more with BAD_USER_INPUT).</summary>
    [Fact]
    public async Task A_page_holds_at_most_the_limit()
    {
        var shard = fixture.Client.GetGrain<IAccessRequestIndexGrain>(AccessRequestIndexKeys.ShardKey(TestIds.New("index"), 0));
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < InputLimits.MaxPageSize + 2; i++)
        {
            await shard.AddAsync($"r{i:D3}", start.AddSeconds(i));
        }

        var atLimit = await shard.PageAsync(InputLimits.MaxPageSize, null);
        var overLimit = await shard.PageAsync(InputLimits.MaxPageSize + 1, null);

        Assert.Equal(InputLimits.MaxPageSize, atLimit.Ids.Length);
        Assert.Equal(InputLimits.MaxPageSize, overLimit.Ids.Length);
        Assert.True(overLimit.HasNextPage);
    }

    private static void AssertAcceptedThenRefused(IReadOnlyList<UserError> atLimit, IReadOnlyList<UserError> overLimit, string code, string lastField)
    {
        Assert.Empty(atLimit);
        var error = Assert.Single(overLimit);
        Assert.Equal((code, lastField), (error.Code, error.Field[^1]));
    }
}
