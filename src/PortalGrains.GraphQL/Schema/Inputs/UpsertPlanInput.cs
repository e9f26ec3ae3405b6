namespace PortalGrains.GraphQL.Schema.Inputs;

public sealed class UpsertPlanInput
{
    public string? Id { get; set; }
    public string Name { get; set; } = string.Empty;
    public string? Description { get; set; }
    public List<string> Scopes { get; set; } = [];
    public bool AutoApprove { get; set; }
    public string? PolicyId { get; set; }
    public RateLimitInput? RateLimit { get; set; }
    public QuotaInput? Quota { get; set; }
}
