namespace PortalGrains.GraphQL.Schema.Inputs;

public sealed class UpsertProductInput
{
    public string? Id { get; set; }
    public string Name { get; set; } = string.Empty;
    public string? Description { get; set; }
    public bool Published { get; set; } = true;
    public bool DcrEnabled { get; set; }
    public string? ProviderId { get; set; }
    public List<string> Scopes { get; set; } = [];
    public List<string> ClientTypeIds { get; set; } = [];
    public string? PolicyId { get; set; }
}
