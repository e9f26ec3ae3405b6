namespace PortalGrains.GraphQL.Schema.Inputs;

public sealed class NewApplicationInput
{
    public string Name { get; set; } = string.Empty;
    public string? Description { get; set; }
    public string? TeamId { get; set; }
}
