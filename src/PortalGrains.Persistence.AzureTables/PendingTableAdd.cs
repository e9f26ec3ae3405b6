using System.Text;
using Azure.Data.Tables;

namespace PortalGrains.Persistence.AzureTables;

/// <summary>An entity waiting in a <see cref="TableAddGroupCommit"/> and the task its caller awaits.</summary>
internal sealed class PendingTableAdd(TableEntity row)
{
    /// <summary>Per entity in a transaction besides its values: keys, property names, types and the action's envelope.</summary>
    private const int EnvelopeBytes = 1024;

    public TableEntity Row { get; } = row;

    /// <summary>An upper estimate of the entity's share of a transaction's body.</summary>
    public int EstimatedBytes { get; } = EnvelopeBytes + row.Sum(p => p.Value is string s ? Encoding.UTF8.GetByteCount(s) * 2 : 64);

    public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
