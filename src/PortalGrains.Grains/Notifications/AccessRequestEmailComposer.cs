using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PortalGrains.Abstractions.AccessRequests;
using PortalGrains.Abstractions.Common;
using PortalGrains.Abstractions.Notifications;

namespace PortalGrains.Grains.Notifications;

/// <summary>
/// The e-mails a developer gets about an access request: approved (ACTIVE), rejected, failed. They are built from
/// the request's view, which holds no credential, and say where the credentials are read instead: an e-mail is
/// no place for a client secret.
/// </summary>
public static class AccessRequestEmailComposer
{
    public static bool IsNotified(AccessRequestStatus status) =>
        status is AccessRequestStatus.Active or AccessRequestStatus.Rejected or AccessRequestStatus.Failed;

    /// <summary>
    /// "{id}:{STATUS}:{n}" where n counts how often the request entered the status, so a request that fails, is
    /// retried and fails again is mailed twice, while a repeated notification of one change is mailed once.
    /// </summary>
    public static string DedupKey(AccessRequestView view)
    {
        var entered = view.History.IsDefault ? 0 : view.History.Count(h => h.To == view.Status);
        return string.Create(CultureInfo.InvariantCulture, $"{view.Id}:{StatusName(view.Status)}:{Math.Max(entered, 1)}");
    }

    /// <summary>A message id derived from the dedup key: the same event always yields the same id.</summary>
    public static string MessageIdFor(string dedupKey) =>
        "pg-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(dedupKey)))[..32];

    /// <summary>The e-mail for the request's current status, or null when that status is not notified.</summary>
    /// <param name="reason">For a rejection: the admin's reason; when null, the note of the rejection in the history.</param>
    public static EmailMessage? Compose(
        AccessRequestView view,
        string recipientAddress,
        string? recipientName,
        string productName,
        string planName,
        string? reason,
        NotificationOptions options,
        DateTimeOffset now)
    {
        if (!IsNotified(view.Status))
        {
            return null;
        }

        var product = OneLine(productName);
        var plan = OneLine(planName);
        var (subject, text) = view.Status switch
        {
            AccessRequestStatus.Active => Approved(view, product, plan, options),
            AccessRequestStatus.Rejected => Rejected(view, product, plan, reason),
            _ => Failed(view, product, plan),
        };
        var greeting = OneLine(recipientName) is { Length: > 0 } name ? name : "there";
        var body = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"Hello {greeting},\n\n")
            .Append(text)
            .Append("\n\n-- \nThis message was sent automatically by the API portal; replies are not read.\n")
            .ToString();
        var dedupKey = DedupKey(view);
        return new EmailMessage(MessageIdFor(dedupKey), recipientAddress.Trim(), subject, body, now, dedupKey);
    }

    /// <summary>The link to an application's page in the portal.</summary>
    public static string ApplicationLink(NotificationOptions options, string applicationId) =>
        options.PortalUrl.TrimEnd('/') + "/" +
        options.ApplicationPath.Replace("{applicationId}", Uri.EscapeDataString(applicationId), StringComparison.Ordinal).TrimStart('/');

    private static (string Subject, string Text) Approved(AccessRequestView view, string product, string plan, NotificationOptions options)
    {
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"your access request {view.Id} for {product} ({plan} plan) was approved, and your application's credentials are ready.\n\n")
            .Append(CultureInfo.InvariantCulture, $"Scopes: {string.Join(' ', view.Scopes.IsDefault ? [] : view.Scopes)}\n\n")
            .Append("Sign in to the portal to read the client id and secret on your application's page:\n")
            .Append(CultureInfo.InvariantCulture, $"{ApplicationLink(options, view.ApplicationId)}\n\n")
            .Append("or with the portal's GraphQL API:\n")
            .Append(CultureInfo.InvariantCulture, $"  query {{ application(id: \"{view.ApplicationId}\") {{ credentials {{ clientId clientSecret tokenEndpoint scopes }} }} }}\n\n")
            .Append("Credentials are never sent by e-mail.")
            .ToString();
        return ($"Access to {product} approved", text);
    }

    private static (string Subject, string Text) Rejected(AccessRequestView view, string product, string plan, string? reason)
    {
        var note = Normalize(view.History.IsDefault ? null : view.History.LastOrDefault(h => h.To == AccessRequestStatus.Rejected)?.Note);
        // A rejection without a reason is noted as just "rejected" in the history: that is no reason.
        var given = Normalize(reason) ?? (string.Equals(note, "rejected", StringComparison.OrdinalIgnoreCase) ? null : note);
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"your access request {view.Id} for {product} ({plan} plan) was rejected.\n\n")
            .Append(CultureInfo.InvariantCulture, $"Reason: {given ?? "none was given."}\n\n")
            .Append("You can request access again from the portal's catalogue.")
            .ToString();
        return ($"Access request for {product} rejected", text);
    }

    private static (string Subject, string Text) Failed(AccessRequestView view, string product, string plan)
    {
        var reference = Normalize(view.CorrelationId) ?? view.Id;
        var happened = Normalize(view.FailureMessage) ?? "Provisioning failed.";
        // The message may already name the reference, which has a line of its own here.
        var named = FailureReference.Of(reference);
        if (happened.EndsWith(named, StringComparison.Ordinal) && happened.Length > named.Length)
        {
            happened = happened[..^named.Length].TrimEnd();
        }

        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"your access request {view.Id} for {product} ({plan} plan) was approved, but its credentials could not be created.\n\n")
            .Append(CultureInfo.InvariantCulture, $"What happened: {happened}\n")
            .Append(CultureInfo.InvariantCulture, $"Reference: {reference}\n\n")
            .Append("An administrator can retry the request; quote the reference when you contact them.")
            .ToString();
        return ($"Access request for {product} could not be completed", text);
    }

    private static string StatusName(AccessRequestStatus status) => status.ToString().ToUpperInvariant();

    private static string? Normalize(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>Text that goes into a subject line: no line breaks (they would end the header).</summary>
    private static string OneLine(string? text) =>
        string.Join(' ', (text ?? string.Empty).Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
