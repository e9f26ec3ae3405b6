namespace PortalGrains.GraphQL.Schema.Inputs;

public sealed class CreateTeamInput
{
    public string Name { get; set; } = string.Empty;
}
