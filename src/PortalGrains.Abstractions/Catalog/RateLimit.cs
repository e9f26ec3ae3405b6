namespace PortalGrains.Abstractions.Catalog;

[GenerateSerializer, Immutable]
public sealed record RateLimit([property: Id(0)] int Requests, [property: Id(1)] int PerSeconds);
