using System.Collections.Immutable;

namespace PortalGrains.Abstractions.Gateway;

/// <summary>What a JWT is worth: valid or why not, and what its scopes grant in the catalogue.</summary>
[GenerateSerializer, Immutable]
public sealed record TokenVerificationResult(
    [property: Id(0)] bool Valid,
    [property: Id(1)] string? Reason,
    [property: Id(2)] string? Issuer,
    [property: Id(3)] string? ProviderId,
    [property: Id(4)] string? ClientId,
    [property: Id(5)] ImmutableArray<string> Scopes,
    [property: Id(6)] DateTimeOffset? ExpiresAt,
    [property: Id(7)] string? ApplicationId,
    [property: Id(8)] ImmutableArray<string> ProductIds,
    [property: Id(9)] ImmutableArray<string> PlanIds,
    [property: Id(10)] ImmutableArray<string> Audience);
