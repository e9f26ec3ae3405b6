using System.Collections.Immutable;

namespace PortalGrains.Abstractions.Applications;

/// <summary>
/// The admin search over applications, kept up to date by the application grains. Keyed by <see cref="Key"/> to search
/// (it merges its shards, newest first); the application grains write to the shard of their id.
/// </summary>
[Alias("PortalGrains.Applications.IApplicationSearchIndexGrain")]
public interface IApplicationSearchIndexGrain : IGrainWithStringKey
{
    const string Key = "applications";

    /// <summary>Adds the application or replaces what the index holds of it; idempotent.</summary>
    [Alias("Upsert")]
    Task UpsertAsync(ApplicationSearchEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Removes the application created at <paramref name="createdAt"/> (its place in the order); idempotent.</summary>
    [Alias("Remove")]
    Task RemoveAsync(string applicationId, DateTimeOffset createdAt, CancellationToken cancellationToken = default);

    /// <summary>Applies the changes in their order and stores them together; each is idempotent, as the single calls are.</summary>
    [Alias("Apply")]
    Task ApplyAsync(ImmutableArray<ApplicationSearchIndexChange> changes, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="first"/> applications that <paramref name="search"/> finds after the cursor, newest first.</summary>
    /// <exception cref="ArgumentException">The cursor was not produced by this index.</exception>
    [Alias("Search")]
    Task<ApplicationSearchPage> SearchAsync(string? search, int first, string? after, CancellationToken cancellationToken = default);
}
