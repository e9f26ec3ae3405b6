namespace PortalGrains.GraphQL.Schema.Inputs;

public sealed class RotateSecretInput
{
    public string ApplicationId { get; set; } = string.Empty;
    public string ProviderId { get; set; } = string.Empty;
    public int GracePeriodSeconds { get; set; }
}
