using System.Collections.Immutable;

namespace PortalGrains.Abstractions.Applications;

/// <summary>What the admin search index holds of one application: the keys it is found by and its place in the order.</summary>
[GenerateSerializer, Immutable]
public sealed record ApplicationSearchEntry(
    [property: Id(0)] string Id,
    [property: Id(1)] DateTimeOffset CreatedAt,
    [property: Id(2)] string Name,
    [property: Id(3)] string OwnerId,
    [property: Id(4)] string? TeamName,
    [property: Id(5)] ImmutableArray<string> ClientIds)
{
    /// <summary>Value equality, client ids included (an <see cref="ImmutableArray{T}"/> compares by reference).</summary>
    public bool SameAs(ApplicationSearchEntry? other) =>
        other is not null
        && (Id, CreatedAt, Name, OwnerId, TeamName) == (other.Id, other.CreatedAt, other.Name, other.OwnerId, other.TeamName)
        && OrEmpty(ClientIds).SequenceEqual(OrEmpty(other.ClientIds), StringComparer.Ordinal);

    /// <summary>
    /// Whether the search text finds this application: a case-insensitive substring of its name (a prefix among them), or
    /// its id, owner id, team name or one of its client ids, ignoring case.
    /// </summary>
    public bool Matches(string? search)
    {
        if (string.IsNullOrWhiteSpace(search))
        {
            return true;
        }

        var term = search.Trim();
        return Name.Contains(term, StringComparison.OrdinalIgnoreCase)
            || string.Equals(Id, term, StringComparison.OrdinalIgnoreCase)
            || string.Equals(OwnerId, term, StringComparison.OrdinalIgnoreCase)
            || string.Equals(TeamName, term, StringComparison.OrdinalIgnoreCase)
            || OrEmpty(ClientIds).Any(c => string.Equals(c, term, StringComparison.OrdinalIgnoreCase));
    }

    private static ImmutableArray<string> OrEmpty(ImmutableArray<string> ids) => ids.IsDefault ? [] : ids;
}
