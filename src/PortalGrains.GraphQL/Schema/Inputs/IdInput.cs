namespace PortalGrains.GraphQL.Schema.Inputs;

public sealed class IdInput
{
    public string Id { get; set; } = string.Empty;
}
