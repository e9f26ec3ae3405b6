namespace PortalGrains.GraphQL.Schema.Inputs;

public sealed class DeleteInput
{
    public string Id { get; set; } = string.Empty;
}
