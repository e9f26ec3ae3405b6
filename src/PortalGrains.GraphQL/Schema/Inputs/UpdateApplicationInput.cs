namespace PortalGrains.GraphQL.Schema.Inputs;

public sealed class UpdateApplicationInput
{
    public string Id { get; set; } = string.Empty;
    public string? Name { get; set; }
    public string? Description { get; set; }
    public List<string>? RedirectUris { get; set; }
    public string? JwksUri { get; set; }
    public string? TlsClientAuthSubjectDn { get; set; }
}
