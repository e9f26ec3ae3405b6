using PortalGrains.Configuration;

namespace PortalGrains.Grains.Teams;

/// <summary>The <c>Portal:Teams</c> section.</summary>
public sealed class TeamOptions : IProblemReportingOptions
{
    public const string SectionName = "Portal:Teams";

    /// <summary>How long an invitation can be accepted.</summary>
    public TimeSpan InvitationLifetime { get; set; } = TimeSpan.FromDays(7);

    public IReadOnlyList<string> Validate() =>
        InvitationLifetime > TimeSpan.Zero && InvitationLifetime <= TimeSpan.FromDays(365)
            ? []
            : [$"{nameof(InvitationLifetime)} must be positive and at most 365 days"];
}
