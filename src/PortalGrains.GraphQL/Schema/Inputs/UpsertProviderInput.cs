using PortalGrains.Abstractions.Providers;

namespace PortalGrains.GraphQL.Schema.Inputs;

public sealed class UpsertProviderInput
{
    public string? Id { get; set; }
    public string Name { get; set; } = string.Empty;
    public ProviderKind Kind { get; set; }
    public string WellKnownUrl { get; set; } = string.Empty;
    public string? RegistrationEndpoint { get; set; }
    public string? InitialAccessToken { get; set; }
    public ClientCredentialsInput? InitialAccessTokenClient { get; set; }
    public bool SslInsecureSkipVerify { get; set; }
    public List<ClientTypeInput> ClientTypes { get; set; } = [];
    public string? ApiApplicationId { get; set; }

    public override string ToString() => $"UpsertProviderInput {{ Id = {Id}, Name = {Name}, Kind = {Kind} }}";
}
