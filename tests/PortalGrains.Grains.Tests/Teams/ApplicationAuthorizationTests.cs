using System.Collections.Immutable;
using PortalGrains.Abstractions.Applications;
using PortalGrains.Abstractions.Common;
using PortalGrains.Abstractions.Teams;

namespace PortalGrains.Grains.Tests.Teams;

/// <summary>The one rule for applications, for each kind of caller.</summary>
public sealed class ApplicationAuthorizationTests
{
    private static readonly ApplicationView Personal = new("app", "ada", "App", null, [], [], DateTimeOffset.UnixEpoch, Deleted: false);
    private static readonly ApplicationView OfTeam = Personal with { TeamId = "team" };

    [Theory]
    // caller, admin, see, secrets, checkout, change, delete
    [InlineData("ada", false, true, true, true, true, true)]
    [InlineData("bob", false, false, false, false, false, false)]
    [InlineData("root", true, true, false, false, false, true)]
    public void A_personal_application_is_its_owners_and_admins_see_and_delete_it(
        string caller, bool admin, bool see, bool secrets, bool checkout, bool change, bool delete)
    {
        var access = ApplicationAuthorization.Decide(new Caller(caller, admin), Personal, ImmutableDictionary<string, TeamRole>.Empty);

        Assert.Equal(new ApplicationAccess(see, secrets, checkout, change, delete), access);
    }

    [Theory]
    [InlineData("carl", TeamRole.Owner, true, true)]
    [InlineData("dora", TeamRole.Member, true, false)]
    public void A_team_application_is_used_by_its_members_and_changed_by_its_OWNERs(string caller, TeamRole role, bool see, bool change)
    {
        var access = ApplicationAuthorization.Decide(new Caller(caller, false), OfTeam, ImmutableDictionary<string, TeamRole>.Empty.Add("team", role));

        Assert.Equal(new ApplicationAccess(see, ReadSecrets: true, Checkout: true, change, Delete: change), access);
    }

    [Fact]
    public void The_creator_of_a_team_application_who_left_the_team_and_members_of_other_teams_get_nothing()
    {
        Assert.Equal(ApplicationAccess.None, ApplicationAuthorization.Decide(new Caller("ada", false), OfTeam, ImmutableDictionary<string, TeamRole>.Empty));
        Assert.Equal(ApplicationAccess.None, ApplicationAuthorization.Decide(
            new Caller("erin", false), OfTeam, ImmutableDictionary<string, TeamRole>.Empty.Add("another-team", TeamRole.Owner)));
    }

    [Fact]
    public void A_deleted_application_is_nobodys()
    {
        var deleted = OfTeam with { Deleted = true };

        Assert.Equal(ApplicationAccess.None, ApplicationAuthorization.Decide(new Caller("root", true), deleted, ImmutableDictionary<string, TeamRole>.Empty));
        Assert.Equal(ApplicationAccess.None, ApplicationAuthorization.Decide(
            new Caller("carl", false), deleted, ImmutableDictionary<string, TeamRole>.Empty.Add("team", TeamRole.Owner)));
    }
}
