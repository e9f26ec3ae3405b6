namespace PortalGrains.Grains.Developers;

[GenerateSerializer]
public sealed class DeveloperState
{
    [Id(0)] public bool Exists { get; set; }
    [Id(1)] public string? Email { get; set; }
    [Id(2)] public string? Name { get; set; }
    [Id(3)] public DateTimeOffset CreatedAt { get; set; }
    [Id(4)] public List<string> ApplicationIds { get; set; } = [];

    /// <summary>Oldest first, bounded (<c>Portal:Limits:RequestIdsPerDeveloper</c>).</summary>
    [Id(5)] public List<string> AccessRequestIds { get; set; } = [];

    /// <summary>Requests that were PENDING when last looked at; the ones that left PENDING are pruned at the limit.</summary>
    [Id(6)] public List<string> PendingRequestIds { get; set; } = [];

    [Id(7)] public List<CheckoutReservation> Reservations { get; set; } = [];

    /// <summary>The teams the developer is a member of, with the role: what application authorization reads.</summary>
    [Id(8)] public Dictionary<string, Abstractions.Teams.TeamRole> Teams { get; set; } = [];
}
