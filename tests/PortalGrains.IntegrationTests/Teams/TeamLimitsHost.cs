using PortalGrains.IntegrationTests.Infrastructure;
using PortalGrains.Testing;

namespace PortalGrains.IntegrationTests.Teams;

/// <summary>A host of its own with small team limits (2 members, 2 teams per developer) and invitations that expire after seconds.</summary>
public sealed class TeamLimitsHost : IAsyncLifetime
{
    public const int MembersPerTeam = 2;
    public const int TeamsPerDeveloper = 2;
    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromSeconds(8);

    public PortalHost Host { get; } = new()
    {
        ExtraEnvironment = new Dictionary<string, string>
        {
            ["Portal__Limits__MembersPerTeam"] = MembersPerTeam.ToString(),
            ["Portal__Limits__TeamsPerDeveloper"] = TeamsPerDeveloper.ToString(),
            ["Portal__Teams__InvitationLifetime"] = InvitationLifetime.ToString(),
        },
    };

    public PortalScenario Portal { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Host.InitializeAsync();
        Portal = new PortalScenario(Host, DevIdentityProvider.Shared);
    }

    public Task DisposeAsync() => Host.DisposeAsync();
}
