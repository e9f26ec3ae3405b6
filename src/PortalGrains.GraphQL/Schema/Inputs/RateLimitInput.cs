namespace PortalGrains.GraphQL.Schema.Inputs;

public sealed class RateLimitInput
{
    public int Requests { get; set; }
    public int PerSeconds { get; set; }
}
