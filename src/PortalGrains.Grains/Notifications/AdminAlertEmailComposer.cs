using System.Globalization;
using System.Text;
using PortalGrains.Abstractions.Notifications;

namespace PortalGrains.Grains.Notifications;

/// <summary>The e-mail alerting an admin to new PENDING access requests: one line per request.</summary>
public static class AdminAlertEmailComposer
{
    public static EmailMessage Compose(
        long batch, string address, IReadOnlyList<(PendingAdminAlert Request, string Product, string Plan)> requests, DateTimeOffset now)
    {
        var dedupKey = string.Create(CultureInfo.InvariantCulture, $"admin-alert:{batch}:{address.Trim().ToLowerInvariant()}");
        var body = new StringBuilder()
            .Append("Hello,\n\n")
            .Append(requests.Count == 1 ? "A new access request waits" : $"{requests.Count} new access requests wait").Append(" for a decision:\n\n");
        foreach (var (request, product, plan) in requests)
        {
            body.Append(CultureInfo.InvariantCulture,
                $"- {OneLine(product)} / {OneLine(plan)} for developer {request.DeveloperId}, requested {request.CreatedAt:u} (id {request.RequestId})\n");
        }

        body.Append("\nList them with the GraphQL query accessRequests(status: PENDING).\n\n-- \nThis message was sent automatically by the API portal; replies are not read.\n");
        var subject = requests.Count == 1 ? "1 new access request" : $"{requests.Count} new access requests";
        return new EmailMessage(AccessRequestEmailComposer.MessageIdFor(dedupKey), address.Trim(), subject, body.ToString(), now, dedupKey);
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
