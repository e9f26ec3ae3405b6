using System.Collections.Immutable;

namespace PortalGrains.Abstractions.Applications;

/// <summary>The client an application holds at one provider. <see cref="ClientSecret"/> is set for the owner only.</summary>
[GenerateSerializer, Immutable]
public sealed record OAuthCredentialsView(
    [property: Id(0)] string ProviderId,
    [property: Id(1)] string Issuer,
    [property: Id(2)] string ClientId,
    [property: Id(3)] string? ClientSecret,
    [property: Id(4)] string TokenEndpoint,
    [property: Id(5)] ImmutableArray<string> Scopes,
    [property: Id(6)] ImmutableArray<string> GrantTypes,
    [property: Id(7)] string TokenEndpointAuthMethod,
    [property: Id(8)] DateTimeOffset IssuedAt,
    [property: Id(9)] DateTimeOffset? SecretExpiresAt)
{
    public override string ToString() =>
        $"OAuthCredentialsView {{ ProviderId = {ProviderId}, ClientId = {ClientId}, Scopes = [{string.Join(' ', Scopes)}] }}";
}
