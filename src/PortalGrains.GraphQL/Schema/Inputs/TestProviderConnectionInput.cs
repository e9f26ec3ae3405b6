namespace PortalGrains.GraphQL.Schema.Inputs;

public sealed class TestProviderConnectionInput
{
    public string Id { get; set; } = string.Empty;
}
