namespace PortalGrains.GraphQL.Schema.Inputs;

public sealed class RemoveTeamMemberInput
{
    public string TeamId { get; set; } = string.Empty;
    public string DeveloperId { get; set; } = string.Empty;
}
