using System.ComponentModel.DataAnnotations;

namespace PortalGrains.Grains.Common;

/// <summary>
/// The <c>Portal:Limits</c> section: what one caller may create. A caller over a limit gets the UserError code
/// <c>LIMIT_EXCEEDED</c> and nothing is stored.
/// </summary>
public sealed class PortalLimitsOptions
{
    public const string SectionName = "Portal:Limits";

    [Range(1, 100_000)]
    public int ApplicationsPerDeveloper { get; set; } = 50;

    [Range(1, 100_000)]
    public int PendingRequestsPerDeveloper { get; set; } = 20;

    /// <summary>Client secret rotations of one application within any hour.</summary>
    [Range(1, 10_000)]
    public int SecretRotationsPerHour { get; set; } = 10;

    [Range(1, 100_000)]
    public int MembersPerTeam { get; set; } = 100;

    /// <summary>Teams one developer may be a member of (creating a team makes its creator a member).</summary>
    [Range(1, 10_000)]
    public int TeamsPerDeveloper { get; set; } = 20;

    /// <summary>
    /// Access request ids one developer's profile keeps (newest kept; pending ones never dropped). Older requests stay
    /// reachable through their application and the admin listings.
    /// </summary>
    [Range(1, 100_000)]
    public int RequestIdsPerDeveloper { get; set; } = 1000;

    /// <summary>Status changes one access request keeps: the first (the request) and the newest.</summary>
    [Range(2, 10_000)]
    public int HistoryPerAccessRequest { get; set; } = 100;

    /// <summary>
    /// Entries one page of an admin index shard holds. A shard is a chain of pages, newest first; a full page moves its
    /// oldest half to a new page after it, so that no grain state grows with the number of requests.
    /// </summary>
    [Range(2, 10_000)]
    public int EntriesPerIndexPage { get; set; } = 2000;
}
