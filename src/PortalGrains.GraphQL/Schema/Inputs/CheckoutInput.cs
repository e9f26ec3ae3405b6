namespace PortalGrains.GraphQL.Schema.Inputs;

public sealed class CheckoutInput
{
    public string ProductId { get; set; } = string.Empty;
    public string PlanId { get; set; } = string.Empty;
    public string? ApplicationId { get; set; }
    public NewApplicationInput? NewApplication { get; set; }
    public List<string>? RedirectUris { get; set; }
    public string ClientTypeId { get; set; } = string.Empty;
    public string? JwksUri { get; set; }
    public string? TlsClientAuthSubjectDn { get; set; }
}
