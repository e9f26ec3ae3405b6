namespace PortalGrains.GraphQL.Schema.Inputs;

public sealed class ClientTypeInput
{
    public string? Id { get; set; }
    public string Name { get; set; } = string.Empty;
    public string? Description { get; set; }
    public List<string> ResponseTypes { get; set; } = [];
    public List<string> GrantTypes { get; set; } = [];
    public string TokenEndpointAuthMethod { get; set; } = string.Empty;
    public string? OktaApplicationType { get; set; }
    public string? SoftwareId { get; set; }
    public bool RequirePkce { get; set; }
}
