namespace PortalGrains.GraphQL.Schema.Inputs;

public sealed class ImportClientInput
{
    public string ApplicationId { get; set; } = string.Empty;
    public string ProviderId { get; set; } = string.Empty;
    public string ClientId { get; set; } = string.Empty;
    public string? ClientSecret { get; set; }
    public string? RegistrationAccessToken { get; set; }
    public string? RegistrationClientUri { get; set; }

    public override string ToString() => $"ImportClientInput {{ ApplicationId = {ApplicationId}, ProviderId = {ProviderId}, ClientId = {ClientId} }}";
}
