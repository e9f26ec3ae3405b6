namespace PortalGrains.Abstractions.Catalog;

[GenerateSerializer, Immutable]
public sealed record Quota([property: Id(0)] int Requests, [property: Id(1)] int PeriodSeconds);
