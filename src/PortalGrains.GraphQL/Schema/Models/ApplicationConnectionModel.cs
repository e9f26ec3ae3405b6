using PortalGrains.Abstractions.Applications;

namespace PortalGrains.GraphQL.Schema.Models;

public sealed record ApplicationConnectionModel(IReadOnlyList<ApplicationView> Nodes, bool HasNextPage, string? EndCursor, int TotalCount)
    : IConnectionModel;
