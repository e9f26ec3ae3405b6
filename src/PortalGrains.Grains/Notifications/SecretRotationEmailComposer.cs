using System.Globalization;
using PortalGrains.Abstractions.Notifications;

namespace PortalGrains.Grains.Notifications;

/// <summary>The e-mail telling a developer that the portal rotated a client secret before it expired (never the secret).</summary>
public static class SecretRotationEmailComposer
{
    public static EmailMessage Compose(
        string applicationId,
        string applicationName,
        string providerName,
        string clientId,
        DateTimeOffset? previousSecretExpiresAt,
        string recipientAddress,
        NotificationOptions options,
        DateTimeOffset now)
    {
        var dedupKey = $"{applicationId}:{clientId}:SECRET_ROTATED:{now.ToUnixTimeSeconds()}";
        var until = previousSecretExpiresAt is { } expiry
            ? $"The previous secret keeps working until {expiry.ToString("u", CultureInfo.InvariantCulture)}."
            : "The previous secret no longer works.";
        var body = $$"""
            Hello,

            The client secret of your application "{{applicationName}}" at {{providerName}} was about to expire, so the portal
            replaced it. {{until}}

            Read the new secret on the application's page: {{AccessRequestEmailComposer.ApplicationLink(options, applicationId)}}
            (or with the GraphQL query application(id: "{{applicationId}}") { credentials { clientId clientSecret } }).

            -- 
            This message was sent automatically by the API portal; replies are not read.
            """;
        return new EmailMessage(
            AccessRequestEmailComposer.MessageIdFor(dedupKey), recipientAddress.Trim(),
            $"New client secret for {applicationName}", body.Replace("\r", ""), now, dedupKey);
    }
}
