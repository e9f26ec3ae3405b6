using System.Collections.Immutable;

namespace PortalGrains.Abstractions.Audit;

/// <summary>One page of the audit log, newest first.</summary>
[GenerateSerializer, Immutable]
public sealed record AuditPage(
    [property: Id(0)] ImmutableArray<AuditEntry> Entries,
    [property: Id(1)] bool HasNextPage,
    [property: Id(2)] string? EndCursor,
    [property: Id(3)] int TotalCount);
