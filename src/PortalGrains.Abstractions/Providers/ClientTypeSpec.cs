using System.Collections.Immutable;

namespace PortalGrains.Abstractions.Providers;

/// <summary>
/// A kind of OAuth client a provider offers developers (e.g. machine-to-machine, web app). <see cref="SoftwareId"/> is
/// sent as software_id (at Curity it names the template client the registration instantiates); <see cref="RequirePkce"/>
/// sets the identity provider's PKCE flag where it has one.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ClientTypeSpec(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string? Description,
    [property: Id(3)] ImmutableArray<string> ResponseTypes,
    [property: Id(4)] ImmutableArray<string> GrantTypes,
    [property: Id(5)] string TokenEndpointAuthMethod,
    [property: Id(6)] string? OktaApplicationType,
    [property: Id(7)] string? SoftwareId = null,
    [property: Id(8)] bool RequirePkce = false)
{
    public bool UsesRedirects => GrantTypes.Contains("authorization_code") || GrantTypes.Contains("implicit");
}
