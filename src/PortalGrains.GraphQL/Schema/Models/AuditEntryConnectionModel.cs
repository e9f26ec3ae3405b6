using PortalGrains.Abstractions.Audit;

namespace PortalGrains.GraphQL.Schema.Models;

public sealed record AuditEntryConnectionModel(IReadOnlyList<AuditEntry> Nodes, bool HasNextPage, string? EndCursor, int TotalCount)
    : IConnectionModel;
