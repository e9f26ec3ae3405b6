using PortalGrains.Abstractions.AccessRequests;

namespace PortalGrains.GraphQL.Schema.Models;

public sealed record AccessRequestConnectionModel(IReadOnlyList<AccessRequestView> Nodes, bool HasNextPage, string? EndCursor, int TotalCount)
    : IConnectionModel;
