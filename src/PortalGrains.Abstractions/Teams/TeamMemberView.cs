namespace PortalGrains.Abstractions.Teams;

[GenerateSerializer, Immutable]
public sealed record TeamMemberView(
    [property: Id(0)] string DeveloperId,
    [property: Id(1)] TeamRole Role,
    [property: Id(2)] DateTimeOffset JoinedAt);
