namespace PortalGrains.GraphQL.Schema.Models;

/// <summary>What <c>PageInfo</c> reads from any connection.</summary>
public interface IConnectionModel
{
    bool HasNextPage { get; }

    string? EndCursor { get; }
}
