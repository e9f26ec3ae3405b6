using PortalGrains.Configuration;
using PortalGrains.Grains.Validation;

namespace PortalGrains.Grains.Notifications;

/// <summary>The <c>Portal:Notifications</c> section: whether developers (and admins) are e-mailed, the links in the mail, delivery.</summary>
public sealed class NotificationOptions : IProblemReportingOptions
{
    public const string SectionName = "Portal:Notifications";

    /// <summary>When false, nothing is queued or sent.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The portal's address as developers open it; the links in the mail start with it.</summary>
    public string PortalUrl { get; set; } = "http://127.0.0.1:5080";

    /// <summary>The path of an application's page under <see cref="PortalUrl"/>; <c>{applicationId}</c> is replaced.</summary>
    public string ApplicationPath { get; set; } = "/applications/{applicationId}";

    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The most messages one outbox shard sends in one go (over one connection) before it yields.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>
    /// How long one send may hold its outbox shard; what is not sent by then waits for the next one. Enqueueing into
    /// the shard waits meanwhile, so this stays well below the grain call timeout.
    /// </summary>
    public TimeSpan SendBudget { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The most undelivered messages one shard keeps (a few hundred messages of about a kilobyte, within one
    /// stored grain state); beyond it each new message displaces the oldest undelivered one, which is counted and
    /// logged as an error.
    /// </summary>
    public int MaxPendingPerShard { get; set; } = 500;

    /// <summary>How many dedup keys of sent messages one shard remembers, so that a repeated event is not mailed twice.</summary>
    public int RememberedSentPerShard { get; set; } = 2000;

    /// <summary>The portal's admins, alerted to new PENDING access requests (none: no alerts).</summary>
    public List<string> AdminEmails { get; set; } = [];

    /// <summary>An admin gets at most one alert per this interval, listing the requests created since the last.</summary>
    public TimeSpan AdminAlertInterval { get; set; } = TimeSpan.FromMinutes(1);

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!Uri.TryCreate(PortalUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            problems.Add($"{nameof(PortalUrl)} must be an absolute http(s) URL");
        if (!ApplicationPath.Contains("{applicationId}", StringComparison.Ordinal))
            problems.Add($"{nameof(ApplicationPath)} must contain {{applicationId}}");
        if (FirstRetryDelay <= TimeSpan.Zero || MaxRetryDelay < FirstRetryDelay)
            problems.Add($"{nameof(FirstRetryDelay)} must be positive and at most {nameof(MaxRetryDelay)}");
        if (SendBudget <= TimeSpan.Zero || SendBudget > TimeSpan.FromSeconds(25))
            problems.Add($"{nameof(SendBudget)} must be positive and at most 25 seconds (below the grain call timeout)");
        if (BatchSize <= 0 || MaxPendingPerShard <= 0 || RememberedSentPerShard < 0)
            problems.Add($"{nameof(BatchSize)} and {nameof(MaxPendingPerShard)} must be positive, {nameof(RememberedSentPerShard)} not negative");
        if (!AdminEmails.All(EmailAddressRules.IsPlausible))
            problems.Add($"{nameof(AdminEmails)} must hold e-mail addresses");
        if (AdminAlertInterval <= TimeSpan.Zero)
            problems.Add($"{nameof(AdminAlertInterval)} must be positive");
        return problems;
    }
}
