namespace PortalGrains.GraphQL.Schema.Inputs;

public sealed class TransferApplicationInput
{
    public string ApplicationId { get; set; } = string.Empty;
    public string TeamId { get; set; } = string.Empty;
}
