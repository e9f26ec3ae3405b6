namespace PortalGrains.Abstractions.Gateway;

[GenerateSerializer, Immutable]
public sealed record GatewayIssuer(
    [property: Id(0)] string ProviderId,
    [property: Id(1)] string Issuer,
    [property: Id(2)] string JwksUri);
