namespace PortalGrains.Grains.Applications;

/// <summary>
/// An identity provider operation written before it is sent; cleared when its outcome is stored. Found at
/// activation, it means the silo stopped in between, and the operation's effect is unknown.
/// </summary>
[GenerateSerializer]
public sealed class JournalEntry
{
    [Id(0)] public string OperationId { get; set; } = "";
    [Id(1)] public IdentityProviderOperationKind Kind { get; set; }
    [Id(2)] public string ProviderId { get; set; } = "";
    [Id(3)] public string? ClientId { get; set; }
    [Id(4)] public DateTimeOffset StartedAt { get; set; }
}
