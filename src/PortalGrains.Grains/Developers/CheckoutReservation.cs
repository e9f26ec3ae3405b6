namespace PortalGrains.Grains.Developers;

/// <summary>
/// The slots a checkout in progress holds against the developer's limits: its new application (if any) and its
/// pending access request, until the checkout confirms them or they are found created or not.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record CheckoutReservation(
    [property: Id(0)] string? ApplicationId,
    [property: Id(1)] string AccessRequestId,
    [property: Id(2)] DateTimeOffset At);
