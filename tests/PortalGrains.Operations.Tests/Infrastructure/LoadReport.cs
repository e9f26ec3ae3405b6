namespace PortalGrains.Operations.Tests.Infrastructure;

/// <summary>What a <see cref="MixedLoad"/> sent, and what failed.</summary>
public sealed record LoadReport(
    int Sent, int Failed, int Reads, int Checkouts, int Approvals, IReadOnlyList<string> ApprovedRequestIds, IReadOnlyList<string> Failures)
{
    public override string ToString() =>
        $"requests sent {Sent} (catalogue reads {Reads}, checkouts {Checkouts}, approvals {Approvals}), failed {Failed}" +
        (Failures.Count == 0 ? "" : "\n  " + string.Join("\n  ", Failures));
}
