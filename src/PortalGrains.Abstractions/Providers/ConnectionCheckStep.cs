namespace PortalGrains.Abstractions.Providers;

/// <summary>One step of a provider connection check (discovery, JWKS, initial access token).</summary>
[GenerateSerializer, Immutable]
public sealed record ConnectionCheckStep(
    [property: Id(0)] string Name,
    [property: Id(1)] bool Succeeded,
    [property: Id(2)] string Detail);
