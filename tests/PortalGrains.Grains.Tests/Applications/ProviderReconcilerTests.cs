using PortalGrains.Abstractions.Applications;
using PortalGrains.Abstractions.Providers;
using PortalGrains.Grains.Applications;

namespace PortalGrains.Grains.Tests.Applications;

/// <summary>What a provider link needs next, decided without Orleans or an identity provider.</summary>
public sealed class ProviderReconcilerTests
{
    private const string M2M = "m2m";
    private const string Web = "web";
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly ProvisioningOptions Options = new() { MaxClientsInGracePeriod = 2 };
    private readonly ProviderReconciler _reconciler = new(Options);

    [Fact]
    public void Grants_without_a_client_register_one()
    {
        Assert.Equal(ProviderStep.Register, Next(Desired(Grant("a")), new ProviderLink()));
    }

    [Fact]
    public void A_client_holding_what_the_grants_ask_for_needs_nothing()
    {
        var desired = Desired(Grant("a"), Grant("b"));

        Assert.Null(Next(desired, new ProviderLink { Client = ClientFor(desired) }));
    }

    [Fact]
    public void A_grant_with_a_scope_the_client_lacks_updates_it()
    {
        var link = new ProviderLink { Client = ClientFor(Desired(Grant("a"))) };

        Assert.Equal(ProviderStep.Update, Next(Desired(Grant("a"), Grant("b")), link));
    }

    [Fact]
    public void Okta_clients_are_not_updated_for_scopes_they_do_not_report()
    {
        var link = new ProviderLink { Client = ClientFor(Desired(Grant("a"))) };

        Assert.Null(Next(Desired(ProviderKind.Okta, Grant("a"), Grant("b")), link));
    }

    [Fact]
    public void A_client_without_grants_is_deleted()
    {
        Assert.Equal(ProviderStep.Delete, Next(Desired(), new ProviderLink { Client = ClientFor(Desired(Grant("a"))) }));
    }

    [Fact]
    public void An_imported_client_is_kept_without_grants_until_the_application_is_deleted()
    {
        var link = new ProviderLink { Client = new ObservedClient { ClientId = "imported", AwaitingFirstGrant = true } };

        Assert.Null(Next(Desired(), link));
        Assert.Equal(ProviderStep.Delete, Next(Desired() with { ApplicationDeleted = true }, link));
    }

    [Fact]
    public void An_imported_client_takes_the_first_grants_client_type_and_is_updated_to_it()
    {
        var link = new ProviderLink { Client = new ObservedClient { ClientId = "imported", AwaitingFirstGrant = true } };

        Assert.Equal(ProviderStep.Update, Next(Desired(Grant("a", Web)), link));
        Assert.Equal((Web, false), (link.Client!.ClientTypeId, link.Client.AwaitingFirstGrant));
    }

    [Fact]
    public void A_client_whose_last_answer_was_lost_is_read_back_before_anything_else()
    {
        var desired = Desired(Grant("a"));
        var client = ClientFor(desired);
        client.NeedsRecovery = "the answer to an update was lost";
        var link = new ProviderLink { Client = client, RotationRequest = TimeSpan.Zero, Orphans = [Orphan("old", deleteAfter: Now)] };

        Assert.Equal(ProviderStep.Recover, Next(desired, link));
    }

    [Fact]
    public void A_replaced_client_past_its_grace_period_goes_before_the_current_clients_update()
    {
        var link = new ProviderLink { Client = ClientFor(Desired(Grant("a"))), Orphans = [Orphan("old", deleteAfter: Now)] };

        Assert.Equal(ProviderStep.DeleteOrphan, Next(Desired(Grant("a"), Grant("b")), link));
    }

    [Fact]
    public void A_replaced_client_holding_a_revoked_scope_loses_its_grace_period_and_a_previous_secret_keeps_it()
    {
        var desired = Desired(Grant("a"));
        var wider = ClientFor(Desired(Grant("a"), Grant("b")));
        var whole = Orphan("whole", Now.AddDays(1), wider);
        var secret = Orphan("secret", Now.AddDays(1), wider, secretOnly: true);
        var link = new ProviderLink { Client = ClientFor(desired), Orphans = [whole, secret] };

        Assert.Equal(ProviderStep.DeleteOrphan, Next(desired, link));
        Assert.Equal(Now, whole.DeleteAfter);
        Assert.Equal(Now.AddDays(1), secret.DeleteAfter);
    }

    [Fact]
    public void A_rotation_request_rotates_the_client_and_is_dropped_without_one()
    {
        var desired = Desired(Grant("a"));
        Assert.Equal(ProviderStep.Rotate, Next(desired, new ProviderLink { Client = ClientFor(desired), RotationRequest = TimeSpan.FromHours(1) }));

        var withoutClient = new ProviderLink { RotationRequest = TimeSpan.FromHours(1) };
        Assert.Null(Next(Desired(), withoutClient));
        Assert.Null(withoutClient.RotationRequest);
    }

    [Fact]
    public void Leftovers_of_lost_registrations_are_searched_once_settled_and_only_where_the_driver_can_search()
    {
        var desired = Desired(Grant("a"));
        var recent = new ProviderLink { Client = ClientFor(desired), UnsettledRegistrations = [Unsettled(Now)] };
        var settled = new ProviderLink { Client = ClientFor(desired), UnsettledRegistrations = [Unsettled(Now - Options.UnsettledRegistrationSearchDelay)] };

        Assert.Null(Next(desired, recent));
        Assert.Equal(ProviderStep.SearchUnsettledRegistrations, Next(desired, settled));
        Assert.Null(_reconciler.NextStep(desired, settled, canSearch: false, Now));
        settled.UnsettledSearchStopped = true;
        Assert.Null(Next(desired, settled));
    }

    [Fact]
    public void Nothing_pending_is_never_due()
    {
        var desired = Desired(Grant("a"));

        Assert.Null(_reconciler.NextDueAt(new ProviderLink { Client = ClientFor(desired) }, hasGrants: true, hasRemovedGrants: false, Now));
        Assert.False(_reconciler.IsDue(new ProviderLink { Client = ClientFor(desired) }, hasGrants: true, hasRemovedGrants: false, Now));
    }

    [Fact]
    public void An_unsettled_journal_entry_and_a_removed_grant_are_due_now()
    {
        var journaled = new ProviderLink { Journal = new JournalEntry { Kind = IdentityProviderOperationKind.Register } };

        Assert.Equal(Now, _reconciler.NextDueAt(journaled, hasGrants: true, hasRemovedGrants: false, Now));
        Assert.True(_reconciler.IsDue(journaled, hasGrants: true, hasRemovedGrants: false, Now));
        Assert.Equal(Now, _reconciler.NextDueAt(new ProviderLink(), hasGrants: false, hasRemovedGrants: true, Now));
    }

    [Fact]
    public void A_pending_retry_holds_back_the_providers_other_work()
    {
        var retryAt = Now.AddSeconds(30);
        var link = new ProviderLink
        {
            Retry = new ProviderRetry { Attempts = 1, FirstFailureAt = Now, NextAttemptAt = retryAt },
            Orphans = [Orphan("old", deleteAfter: Now.AddSeconds(-1))],
            RotationRequest = TimeSpan.Zero,
        };

        Assert.Equal(retryAt, _reconciler.NextDueAt(link, hasGrants: true, hasRemovedGrants: true, Now));
        Assert.False(_reconciler.IsDue(link, hasGrants: true, hasRemovedGrants: true, Now));
        Assert.True(_reconciler.IsDue(link, hasGrants: true, hasRemovedGrants: true, retryAt));
    }

    [Fact]
    public void An_expiring_secret_is_rotated_a_day_ahead_or_at_half_its_life()
    {
        var longLived = new ObservedClient { ProtectedClientSecret = "s", IssuedAt = Now, SecretExpiresAt = Now.AddDays(30) };
        var shortLived = new ObservedClient { ProtectedClientSecret = "s", IssuedAt = Now, SecretExpiresAt = Now.AddHours(10) };

        Assert.Equal(Now.AddDays(29), _reconciler.SecretRotationDue(longLived));
        Assert.Equal(Now.AddHours(5), _reconciler.SecretRotationDue(shortLived));
        Assert.Null(_reconciler.SecretRotationDue(new ObservedClient { ProtectedClientSecret = "s", IssuedAt = Now }));
        Assert.Equal(Now.AddHours(5), _reconciler.NextDueAt(new ProviderLink { Client = shortLived }, hasGrants: true, hasRemovedGrants: false, Now));
    }

    [Fact]
    public void Past_the_cap_the_oldest_replaced_clients_across_providers_lose_their_grace_period()
    {
        var oldest = Orphan("1", Now.AddDays(1), replacedAt: Now.AddHours(-3));
        var older = Orphan("2", Now.AddDays(1), replacedAt: Now.AddHours(-2));
        var newer = Orphan("3", Now.AddDays(1), replacedAt: Now.AddHours(-1));
        var newest = Orphan("4", Now.AddDays(1), replacedAt: Now);

        _reconciler.EndGracePeriodsBeyondCap([newest, older, oldest, newer], Now);

        Assert.Equal([Now, Now], new[] { oldest.DeleteAfter, older.DeleteAfter });
        Assert.All(new[] { newer, newest }, o => Assert.True(o.DeleteAfter > Now));
    }

    private ProviderStep? Next(DesiredProviderState desired, ProviderLink link) => _reconciler.NextStep(desired, link, canSearch: true, Now);

    private static DesiredProviderState Desired(params GrantRecord[] grants) => Desired(ProviderKind.Other, grants);

    private static DesiredProviderState Desired(ProviderKind kind, params GrantRecord[] grants) => new(
        new ProviderView("p", "Provider", kind, "https://idp.example/.well-known/openid-configuration", null, false, false,
            [
                new ClientTypeSpec(M2M, "Machine to machine", null, [], ["client_credentials"], "client_secret_basic", null),
                new ClientTypeSpec(Web, "Web application", null, ["code"], ["authorization_code"], "client_secret_basic", null),
            ],
            null, null, 1, Now),
        grants, ["https://app.example/callback"], ClientKeys.None, ApplicationDeleted: false);

    private static GrantRecord Grant(string scope, string clientTypeId = M2M) =>
        new() { AccessRequestId = "request-" + scope, ProviderId = "p", ClientTypeId = clientTypeId, Scopes = [scope] };

    /// <summary>A client holding exactly what <paramref name="desired"/> asks for.</summary>
    private ObservedClient ClientFor(DesiredProviderState desired)
    {
        var clientTypeId = desired.Grants.Count > 0 ? desired.Grants[0].ClientTypeId : M2M;
        var metadata = _reconciler.DesiredMetadata(desired.Grants.Count > 0 ? desired : Desired(Grant("a")), clientTypeId);
        return new ObservedClient { ClientId = "current", ClientTypeId = clientTypeId, Metadata = StoredClientMetadata.From(metadata) }.WithSent(metadata);
    }

    private static OrphanClient Orphan(
        string clientId, DateTimeOffset deleteAfter, ObservedClient? client = null, bool secretOnly = false, DateTimeOffset replacedAt = default) => new()
    {
        ProviderId = "p",
        Client = client ?? new ObservedClient { ClientId = clientId, ClientTypeId = M2M },
        DeleteAfter = deleteAfter,
        Reason = "replaced by a secret rotation",
        SecretOnly = secretOnly,
        ReplacedAt = replacedAt,
    };

    private static UnsettledRegistration Unsettled(DateTimeOffset startedAt) => new() { OperationId = "lost", StartedAt = startedAt };
}
