using Azure.Data.Tables;
using Orleans.Runtime;
using Orleans.Storage;

namespace PortalGrains.Persistence.AzureTables.Tests;

/// <summary>Grain keys and state names the Table service forbids in keys, stored and read back against Azurite.</summary>
[Collection(AzureTablesCollection.Name)]
public sealed class KeyEscapingTests(StorageSiloFixture fixture)
{
    private readonly IGrainStorage _storage = fixture.Storage;

    private static readonly string[] AwkwardStrings =
    [
        "a/b", "a_b", "a\\b", "a#b", "a?b", "a~b", "a~002Fb", "a%2Fb", "a'b", "a''b", "a\u0001b", "a\u007Fb", "a\u0085b",
        "ünïcødé ✓ 😀", "日本語/キー", "trailing space ", "a.b", "a~.b", "a~~b", "\uFFFF",
    ];

    [Fact]
    public async Task Awkward_grain_keys_round_trip_and_never_collide()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var keys = AwkwardStrings.Select(awkward => run + awkward).ToList();
        for (var i = 0; i < keys.Count; i++)
        {
            await _storage.WriteStateAsync("state", GrainId.Create("testgrain", keys[i]), new GrainState<TestState>(new TestState { Version = i }));
        }

        for (var i = 0; i < keys.Count; i++)
        {
            var read = new GrainState<TestState>();
            await _storage.ReadStateAsync("state", GrainId.Create("testgrain", keys[i]), read);
            Assert.True(read.RecordExists, $"no record for '{keys[i]}'");
            Assert.Equal(i, read.State!.Version);
        }

        var partitions = new HashSet<string>();
        await foreach (var entity in fixture.Table.QueryAsync<TableEntity>(select: ["PartitionKey"]))
        {
            if (entity.PartitionKey.Contains(run, StringComparison.Ordinal))
            {
                partitions.Add(entity.PartitionKey);
            }
        }

        Assert.Equal(keys.Count, partitions.Count);
    }

    [Fact]
    public async Task Awkward_state_names_round_trip_and_never_collide()
    {
        var grainId = GrainId.Create("testgrain", Guid.NewGuid().ToString("N"));
        var names = AwkwardStrings.Append(string.Empty).Append("a\uD800b").Append("a\uDC00b").ToList();
        for (var i = 0; i < names.Count; i++)
        {
            await _storage.WriteStateAsync(names[i], grainId, new GrainState<TestState>(new TestState { Version = i }));
        }

        for (var i = 0; i < names.Count; i++)
        {
            var read = new GrainState<TestState>();
            await _storage.ReadStateAsync(names[i], grainId, read);
            Assert.True(read.RecordExists, $"no record for state name '{names[i]}'");
            Assert.Equal(i, read.State!.Version);
        }
    }

    [Fact]
    public async Task Grain_types_with_the_same_key_are_separate_records()
    {
        var key = Guid.NewGuid().ToString("N");
        await _storage.WriteStateAsync("state", GrainId.Create("alpha", key), new GrainState<TestState>(new TestState { Name = "alpha" }));
        await _storage.WriteStateAsync("state", GrainId.Create("beta", key), new GrainState<TestState>(new TestState { Name = "beta" }));

        var alpha = new GrainState<TestState>();
        await _storage.ReadStateAsync("state", GrainId.Create("alpha", key), alpha);
        Assert.Equal("alpha", alpha.State!.Name);
    }

    [Fact]
    public async Task Keys_beyond_the_key_size_limit_round_trip_and_stay_distinct()
    {
        var prefix = Guid.NewGuid().ToString("N") + new string('k', 3000);
        var first = GrainId.Create("testgrain", prefix + "/1");
        var second = GrainId.Create("testgrain", prefix + "/2");
        var longStateName = new string('s', 2000);

        await _storage.WriteStateAsync(longStateName, first, new GrainState<TestState>(new TestState { Name = "first" }));
        await _storage.WriteStateAsync(longStateName, second, new GrainState<TestState>(new TestState { Name = "second" }));

        var read = new GrainState<TestState>();
        await _storage.ReadStateAsync(longStateName, first, read);
        Assert.Equal("first", read.State!.Name);
        await _storage.ReadStateAsync(longStateName, second, read);
        Assert.Equal("second", read.State!.Name);
    }
}
