using Azure.Data.Tables;
using Orleans.Runtime;
using Orleans.Storage;

namespace PortalGrains.Persistence.AzureTables.Tests;

/// <summary>The cases Orleans' own grain storage tests cover, against Azurite.</summary>
[Collection(AzureTablesCollection.Name)]
public sealed class GrainStorageConformanceTests(StorageSiloFixture fixture)
{
    private const string StateName = "state";
    private readonly IGrainStorage _storage = fixture.Storage;

    private static GrainId NewGrainId() => GrainId.Create("testgrain", Guid.NewGuid().ToString("N"));

    private async Task<GrainState<TestState>> ReadAsync(GrainId grainId, string stateName = StateName)
    {
        var state = new GrainState<TestState>();
        await _storage.ReadStateAsync(stateName, grainId, state);
        return state;
    }

    private async Task<GrainState<TestState>> WriteNewAsync(GrainId grainId, string name)
    {
        var state = new GrainState<TestState>(new TestState { Name = name, Version = 1 });
        await _storage.WriteStateAsync(StateName, grainId, state);
        return state;
    }

    [Fact]
    public async Task Reading_a_missing_state_gives_a_new_state_without_record_or_etag()
    {
        var state = new GrainState<TestState>(new TestState { Name = "left over", Version = 7 }) { ETag = "stale" };

        await _storage.ReadStateAsync(StateName, NewGrainId(), state);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.NotNull(state.State);
        Assert.Equal(string.Empty, state.State!.Name);
        Assert.Equal(0, state.State!.Version);
    }

    [Fact]
    public async Task A_written_state_reads_back_with_its_etag()
    {
        var grainId = NewGrainId();
        var written = new GrainState<TestState>(new TestState { Name = "round trip", Version = 3, Blob = [1, 2, 3] });

        await _storage.WriteStateAsync(StateName, grainId, written);
        var read = await ReadAsync(grainId);

        Assert.True(written.RecordExists);
        Assert.False(string.IsNullOrEmpty(written.ETag));
        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal("round trip", read.State!.Name);
        Assert.Equal(3, read.State!.Version);
        Assert.Equal([1, 2, 3], read.State!.Blob);
    }

    [Fact]
    public async Task Each_write_gives_a_new_etag_that_the_next_write_uses()
    {
        var grainId = NewGrainId();
        var state = await WriteNewAsync(grainId, "v1");
        var firstEtag = state.ETag;

        state.State!.Version = 2;
        await _storage.WriteStateAsync(StateName, grainId, state);

        Assert.NotEqual(firstEtag, state.ETag);
        var read = await ReadAsync(grainId);
        Assert.Equal(2, read.State!.Version);
        Assert.Equal(state.ETag, read.ETag);
    }

    [Fact]
    public async Task Of_two_writers_from_the_same_read_one_wins_and_the_other_gets_an_inconsistent_state()
    {
        var grainId = NewGrainId();
        await WriteNewAsync(grainId, "initial");
        var first = await ReadAsync(grainId);
        var second = await ReadAsync(grainId);
        first.State!.Name = "first";
        second.State!.Name = "second";

        var writes = new[]
        {
            _storage.WriteStateAsync(StateName, grainId, first),
            _storage.WriteStateAsync(StateName, grainId, second),
        };
        try
        {
            await Task.WhenAll(writes);
        }
        catch (InconsistentStateException)
        {
            // inspected below, per write
        }

        Assert.True(writes[0].IsCompletedSuccessfully != writes[1].IsCompletedSuccessfully, "exactly one write must win");
        var loser = writes[0].IsCompletedSuccessfully ? writes[1] : writes[0];
        Assert.IsType<InconsistentStateException>(loser.Exception!.InnerException);
        var winner = writes[0].IsCompletedSuccessfully ? first : second;
        var stored = await ReadAsync(grainId);
        Assert.Equal(winner.State!.Name, stored.State!.Name);
        Assert.Equal(winner.ETag, stored.ETag);
    }

    [Fact]
    public async Task Writing_with_a_stale_etag_fails_and_reports_both_etags()
    {
        var grainId = NewGrainId();
        var current = await WriteNewAsync(grainId, "v1");
        var stale = await ReadAsync(grainId);
        current.State!.Name = "v2";
        await _storage.WriteStateAsync(StateName, grainId, current);

        stale.State!.Name = "lost update";
        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(
            () => _storage.WriteStateAsync(StateName, grainId, stale));

        Assert.Equal(current.ETag, conflict.StoredEtag);
        Assert.Equal(stale.ETag, conflict.CurrentEtag);
        Assert.Equal("v2", (await ReadAsync(grainId)).State!.Name);
    }

    [Fact]
    public async Task A_first_write_without_etag_fails_when_a_record_exists()
    {
        var grainId = NewGrainId();
        var existing = await WriteNewAsync(grainId, "existing");
        var newcomer = new GrainState<TestState>(new TestState { Name = "newcomer" });

        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(
            () => _storage.WriteStateAsync(StateName, grainId, newcomer));

        Assert.Equal(existing.ETag, conflict.StoredEtag);
        Assert.Null(newcomer.ETag);
        Assert.Equal("existing", (await ReadAsync(grainId)).State!.Name);
    }

    [Fact]
    public async Task Writing_after_the_record_was_deleted_elsewhere_fails()
    {
        var grainId = NewGrainId();
        var holder = await WriteNewAsync(grainId, "v1");
        var other = await ReadAsync(grainId);
        await _storage.ClearStateAsync(StateName, grainId, other);

        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync(StateName, grainId, holder));
        Assert.False((await ReadAsync(grainId)).RecordExists);
    }

    [Fact]
    public async Task Clearing_deletes_the_record_resets_the_state_and_a_later_write_works()
    {
        var grainId = NewGrainId();
        var state = await WriteNewAsync(grainId, "to be cleared");

        await _storage.ClearStateAsync(StateName, grainId, state);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.Equal(string.Empty, state.State!.Name);
        var afterClear = await ReadAsync(grainId);
        Assert.False(afterClear.RecordExists);
        Assert.Null(afterClear.ETag);

        state.State!.Name = "written again";
        await _storage.WriteStateAsync(StateName, grainId, state);

        Assert.True(state.RecordExists);
        var reread = await ReadAsync(grainId);
        Assert.True(reread.RecordExists);
        Assert.Equal("written again", reread.State!.Name);
    }

    [Fact]
    public async Task Clearing_with_a_stale_etag_fails_and_keeps_the_record()
    {
        var grainId = NewGrainId();
        var current = await WriteNewAsync(grainId, "v1");
        var stale = await ReadAsync(grainId);
        current.State!.Name = "v2";
        await _storage.WriteStateAsync(StateName, grainId, current);

        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(
            () => _storage.ClearStateAsync(StateName, grainId, stale));

        Assert.Equal(current.ETag, conflict.StoredEtag);
        Assert.True(stale.RecordExists);
        Assert.Equal("v2", (await ReadAsync(grainId)).State!.Name);
    }

    [Fact]
    public async Task Clearing_without_etag_fails_when_a_record_exists()
    {
        var grainId = NewGrainId();
        await WriteNewAsync(grainId, "existing");
        var unaware = new GrainState<TestState>(new TestState());

        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.ClearStateAsync(StateName, grainId, unaware));
        Assert.True((await ReadAsync(grainId)).RecordExists);
    }

    [Fact]
    public async Task Clearing_a_missing_record_without_etag_succeeds()
    {
        var grainId = NewGrainId();
        var state = await ReadAsync(grainId);

        await _storage.ClearStateAsync(StateName, grainId, state);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
    }

    [Fact]
    public async Task A_large_state_is_split_across_properties_and_round_trips()
    {
        var grainId = NewGrainId();
        var blob = new byte[600 * 1024];
        new Random(600).NextBytes(blob);
        var state = new GrainState<TestState>(new TestState { Name = "large", Blob = blob });

        await _storage.WriteStateAsync(StateName, grainId, state);
        var read = await ReadAsync(grainId);

        Assert.Equal(blob, read.State!.Blob);
        Assert.Equal(state.ETag, read.ETag);
        var entity = await SingleEntityAsync(grainId);
        Assert.True(entity.GetInt32("DataChunks") >= 10, $"DataChunks = {entity.GetInt32("DataChunks")}");
        Assert.All(entity.Keys.Where(key => key.StartsWith("Data", StringComparison.Ordinal) && entity[key] is byte[]),
            key => Assert.True(entity.GetBinary(key)!.Length <= 64 * 1024, $"{key} holds more than 64 KiB"));
    }

    [Fact]
    public async Task A_state_just_under_the_limit_fills_every_property_and_round_trips()
    {
        const int maxStateBytes = 15 * 64 * 1024;
        var blob = new byte[maxStateBytes];
        new Random(15).NextBytes(blob);
        var state = new TestState { Name = "at the limit", Blob = blob };
        var overshoot = fixture.Serializer.Serialize(state).ToMemory().Length - maxStateBytes;
        while (overshoot > 0)
        {
            // Shrink by at least the overshoot; serialized size grows at most 4/3 per byte (base64 in JSON).
            state.Blob = state.Blob[..^Math.Max(1, overshoot * 3 / 4)];
            overshoot = fixture.Serializer.Serialize(state).ToMemory().Length - maxStateBytes;
        }

        Assert.True(overshoot > -64, $"the state is {-overshoot} bytes short of the limit");
        var grainId = NewGrainId();
        await _storage.WriteStateAsync(StateName, grainId, new GrainState<TestState>(state));

        Assert.Equal(state.Blob, (await ReadAsync(grainId)).State!.Blob);
        Assert.Equal(15, (await SingleEntityAsync(grainId)).GetInt32("DataChunks"));
    }

    [Fact]
    public async Task A_too_large_state_gives_a_clear_error_and_writes_nothing()
    {
        var grainId = NewGrainId();
        var blob = new byte[2 * 1024 * 1024];
        new Random(2).NextBytes(blob);
        var state = new GrainState<TestState>(new TestState { Name = "too large", Blob = blob });

        var error = await Assert.ThrowsAsync<GrainStateTooLargeException>(
            () => _storage.WriteStateAsync(StateName, grainId, state));

        Assert.True(error.StateBytes > 2 * 1024 * 1024);
        Assert.Equal(15 * 64 * 1024, error.MaxStateBytes);
        Assert.Contains(error.StateBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
        Assert.Contains(error.MaxStateBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
        Assert.False((await ReadAsync(grainId)).RecordExists);
    }

    [Fact]
    public async Task A_too_large_update_leaves_the_stored_state_as_it_was()
    {
        var grainId = NewGrainId();
        var state = await WriteNewAsync(grainId, "small");
        var etag = state.ETag;
        state.State!.Blob = new byte[1024 * 1024];

        await Assert.ThrowsAsync<GrainStateTooLargeException>(() => _storage.WriteStateAsync(StateName, grainId, state));

        Assert.Equal(etag, state.ETag);
        var read = await ReadAsync(grainId);
        Assert.Equal(etag, read.ETag);
        Assert.Empty(read.State!.Blob);
    }

    [Fact]
    public async Task Different_state_names_of_one_grain_are_separate_records()
    {
        var grainId = NewGrainId();
        await _storage.WriteStateAsync("profile", grainId, new GrainState<TestState>(new TestState { Name = "profile" }));
        await _storage.WriteStateAsync("journal", grainId, new GrainState<TestState>(new TestState { Name = "journal" }));

        Assert.Equal("profile", (await ReadAsync(grainId, "profile")).State!.Name);
        Assert.Equal("journal", (await ReadAsync(grainId, "journal")).State!.Name);
    }

    private async Task<TableEntity> SingleEntityAsync(GrainId grainId)
    {
        var entities = new List<TableEntity>();
        var partitionKey = AzureTableKeys.PartitionKey(TestSilo.ServiceId, grainId);
        await foreach (var entity in fixture.Table.QueryAsync<TableEntity>(e => e.PartitionKey == partitionKey))
        {
            entities.Add(entity);
        }

        return Assert.Single(entities);
    }
}
