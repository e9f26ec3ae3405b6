namespace PortalGrains.GraphQL.Schema.Inputs;

public sealed class DecideInput
{
    public string Id { get; set; } = string.Empty;
    public string? Reason { get; set; }
}
