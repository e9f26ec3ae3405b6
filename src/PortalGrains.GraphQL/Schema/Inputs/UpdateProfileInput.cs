namespace PortalGrains.GraphQL.Schema.Inputs;

public sealed class UpdateProfileInput
{
    public string? Email { get; set; }
    public string? Name { get; set; }
}
