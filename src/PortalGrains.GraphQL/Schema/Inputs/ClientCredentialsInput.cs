namespace PortalGrains.GraphQL.Schema.Inputs;

public sealed class ClientCredentialsInput
{
    public string ClientId { get; set; } = string.Empty;
    public string ClientSecret { get; set; } = string.Empty;
    public string? Scope { get; set; }

    public override string ToString() => $"ClientCredentialsInput {{ ClientId = {ClientId}, Scope = {Scope} }}";
}
