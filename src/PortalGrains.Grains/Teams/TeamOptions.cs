namespace PortalGrains.Grains.Teams;

/// <summary>The <c>Portal:Teams</c> section.</summary>
public sealed class TeamOptions
{
    public const string SectionName = "Portal:Teams";

    /// <summary>How long an invitation can be accepted.</summary>
    public TimeSpan InvitationLifetime { get; set; } = TimeSpan.FromDays(7);
}
