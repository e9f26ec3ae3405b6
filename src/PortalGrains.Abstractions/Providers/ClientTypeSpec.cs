using System.Collections.Immutable;

namespace PortalGrains.Abstractions.Providers;

/// <summary>A kind of OAuth client a provider offers developers (e.g. machine-to-machine, web app).</summary>
[GenerateSerializer, Immutable]
public sealed record ClientTypeSpec(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string? Description,
    [property: Id(3)] ImmutableArray<string> ResponseTypes,
    [property: Id(4)] ImmutableArray<string> GrantTypes,
    [property: Id(5)] string TokenEndpointAuthMethod,
    [property: Id(6)] string? OktaApplicationType)
{
    public bool UsesRedirects => GrantTypes.Contains("authorization_code") || GrantTypes.Contains("implicit");
}
