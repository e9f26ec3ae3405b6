using System.Collections.Immutable;
using PortalGrains.Abstractions.AccessRequests;
using PortalGrains.Grains.Notifications;

namespace PortalGrains.Grains.Tests.Notifications;

public sealed class AccessRequestEmailComposerTests
{
    private const string AdminDetail = "idp said: invalid_client_metadata, registration token rat-0123456789";
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly StatusChange Approval = new(AccessRequestStatus.Pending, AccessRequestStatus.Provisioning, "admin-7", Now, "approved");
    private static readonly NotificationOptions Options = new() { PortalUrl = "https://portal.example.com/" };

    [Fact]
    public void The_approval_says_where_to_read_the_credentials_and_carries_none()
    {
        var view = View(AccessRequestStatus.Active);

        var mail = Compose(view)!;

        Assert.Equal("Access to Orders API approved", mail.Subject);
        Assert.Equal("ada@example.com", mail.To);
        Assert.Contains("Hello Ada Lovelace,", mail.TextBody);
        Assert.Contains("https://portal.example.com/applications/app-1", mail.TextBody);
        Assert.Contains("application(id: \"app-1\") { credentials", mail.TextBody);
        Assert.Contains("orders.read plan.gold", mail.TextBody);
        Assert.Contains("req-1", mail.TextBody);
        Assert.Contains("Gold", mail.TextBody);
        Assert.Contains("never sent by e-mail", mail.TextBody);
        Assert.DoesNotContain(AdminDetail, mail.TextBody);
    }

    [Theory]
    [InlineData(AccessRequestStatus.Active)]
    [InlineData(AccessRequestStatus.Rejected)]
    [InlineData(AccessRequestStatus.Failed)]
    public void No_mail_carries_the_admin_detail_or_who_decided(AccessRequestStatus status)
    {
        var mail = Compose(View(status), reason: "not now")!;

        Assert.DoesNotContain("rat-0123456789", mail.TextBody + mail.Subject);
        Assert.DoesNotContain("invalid_client_metadata", mail.TextBody + mail.Subject);
        Assert.DoesNotContain("admin-7", mail.TextBody + mail.Subject);
    }

    [Fact]
    public void The_rejection_carries_the_reason()
    {
        var mail = Compose(View(AccessRequestStatus.Rejected), reason: "  Only partners may use the gold plan. ")!;

        Assert.Equal("Access request for Orders API rejected", mail.Subject);
        Assert.Contains("Reason: Only partners may use the gold plan.\n", mail.TextBody);
    }

    [Fact]
    public void Without_a_reason_the_rejection_takes_the_note_of_the_history_but_not_the_bare_placeholder()
    {
        var noted = View(AccessRequestStatus.Rejected, rejectionNote: "duplicate of req-0");
        var bare = View(AccessRequestStatus.Rejected, rejectionNote: "rejected");

        Assert.Contains("Reason: duplicate of req-0", Compose(noted, reason: null)!.TextBody);
        Assert.Contains("Reason: none was given.", Compose(bare, reason: null)!.TextBody);
    }

    [Fact]
    public void The_failure_carries_the_short_message_and_the_reference_but_not_the_detail()
    {
        var mail = Compose(View(AccessRequestStatus.Failed))!;

        Assert.Equal("Access request for Orders API could not be completed", mail.Subject);
        Assert.Contains("What happened: The identity provider refused the registration.", mail.TextBody);
        Assert.Contains("Reference: corr-42", mail.TextBody);
        Assert.DoesNotContain(AdminDetail, mail.TextBody);
    }

    [Fact]
    public void A_reference_already_in_the_failure_message_is_not_repeated()
    {
        var view = View(AccessRequestStatus.Failed) with { FailureMessage = "The identity provider rejected the request. (reference corr-42)" };

        var mail = Compose(view)!;

        Assert.Contains("What happened: The identity provider rejected the request.\nReference: corr-42\n", mail.TextBody);
    }

    [Theory]
    [InlineData(AccessRequestStatus.Pending)]
    [InlineData(AccessRequestStatus.Provisioning)]
    [InlineData(AccessRequestStatus.Revoked)]
    public void Other_statuses_are_not_mailed(AccessRequestStatus status)
    {
        Assert.False(AccessRequestEmailComposer.IsNotified(status));
        Assert.Null(Compose(View(status)));
    }

    [Fact]
    public void A_line_break_in_a_name_does_not_reach_the_subject()
    {
        var mail = AccessRequestEmailComposer.Compose(
            View(AccessRequestStatus.Active), "ada@example.com", "Ada", "Orders\r\nBcc: eve@example.com", "Gold", null, Options, Now)!;

        Assert.DoesNotContain('\n', mail.Subject);
        Assert.DoesNotContain('\r', mail.Subject);
        Assert.Equal("Access to Orders Bcc: eve@example.com approved", mail.Subject);
    }

    [Fact]
    public void The_same_status_change_gives_the_same_message_and_a_second_failure_a_new_one()
    {
        var failedOnce = View(AccessRequestStatus.Failed);
        var failedTwice = failedOnce with
        {
            History = failedOnce.History
                .Add(new StatusChange(AccessRequestStatus.Failed, AccessRequestStatus.Provisioning, "admin-7", Now, "retry"))
                .Add(new StatusChange(AccessRequestStatus.Provisioning, AccessRequestStatus.Failed, "provisioning", Now, "failed again")),
        };

        var first = Compose(failedOnce)!;
        var again = Compose(failedOnce)!;
        var second = Compose(failedTwice)!;

        Assert.Equal("req-1:FAILED:1", first.DedupKey);
        Assert.Equal((first.DedupKey, first.MessageId), (again.DedupKey, again.MessageId));
        Assert.Equal("req-1:FAILED:2", second.DedupKey);
        Assert.NotEqual(first.MessageId, second.MessageId);
    }

    [Fact]
    public void The_printed_message_leaves_out_the_address_and_the_body()
    {
        var mail = Compose(View(AccessRequestStatus.Active))!;

        var printed = mail.ToString();

        Assert.Contains(mail.MessageId, printed);
        Assert.DoesNotContain("ada@example.com", printed);
        Assert.DoesNotContain("Hello", printed);
    }

    [Fact]
    public void The_application_link_follows_the_configured_path()
    {
        var options = new NotificationOptions { PortalUrl = "https://dev.example.com/portal", ApplicationPath = "apps/{applicationId}/keys" };

        Assert.Equal("https://dev.example.com/portal/apps/a%20b/keys", AccessRequestEmailComposer.ApplicationLink(options, "a b"));
    }

    private static Abstractions.Notifications.EmailMessage? Compose(AccessRequestView view, string? reason = null) =>
        AccessRequestEmailComposer.Compose(view, "ada@example.com", "Ada Lovelace", "Orders API", "Gold", reason, Options, Now);

    private static AccessRequestView View(AccessRequestStatus status, string rejectionNote = "rejected")
    {
        var history = ImmutableArray.Create(new StatusChange(null, AccessRequestStatus.Pending, "dev-1", Now, "requested"));
        history = status switch
        {
            AccessRequestStatus.Pending => history,
            AccessRequestStatus.Rejected => history.Add(new StatusChange(AccessRequestStatus.Pending, status, "admin-7", Now, rejectionNote)),
            AccessRequestStatus.Revoked => history.Add(new StatusChange(AccessRequestStatus.Pending, status, "dev-1", Now, "withdrawn")),
            AccessRequestStatus.Provisioning => history.Add(Approval),
            _ => history.Add(Approval).Add(new StatusChange(AccessRequestStatus.Provisioning, status, "provisioning", Now, null)),
        };
        return new AccessRequestView(
            "req-1", status, "dev-1", "app-1", "prod-1", "plan-1", "prov-1", "m2m", ["orders.read", "plan.gold"],
            Now, Now, DecidedBy: "admin-7",
            FailureMessage: "The identity provider refused the registration.",
            FailureDetail: AdminDetail,
            CorrelationId: "corr-42",
            History: history);
    }
}
