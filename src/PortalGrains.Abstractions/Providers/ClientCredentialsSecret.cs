namespace PortalGrains.Abstractions.Providers;

/// <summary>A client whose client_credentials grant yields the initial access token for registrations.</summary>
[GenerateSerializer, Immutable]
public sealed record ClientCredentialsSecret(
    [property: Id(0)] string ClientId,
    [property: Id(1)] string ClientSecret,
    [property: Id(2)] string? Scope)
{
    public override string ToString() => $"ClientCredentialsSecret {{ ClientId = {ClientId}, Scope = {Scope} }}";
}
