using System.Globalization;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using PortalGrains.Abstractions.Notifications;

namespace PortalGrains.Grains.Notifications;

/// <summary>
/// Sends through an SMTP server with MailKit, one connection per batch. Logs carry the message id, the recipient's
/// domain and the outcome only: never an address, a subject or a body.
/// </summary>
public sealed class MailKitEmailSender(IOptions<SmtpOptions> options, ILogger<MailKitEmailSender> logger) : IEmailSender
{
    public async Task<IReadOnlyList<EmailDeliveryResult>> SendAsync(IReadOnlyList<EmailMessage> messages, CancellationToken cancellationToken)
    {
        if (messages.Count == 0)
        {
            return [];
        }

        var smtp = options.Value;
        var results = new List<EmailDeliveryResult>(messages.Count);
        using var client = new SmtpClient { Timeout = (int)smtp.CommandTimeout.TotalMilliseconds };
        var connectError = await ConnectAsync(client, smtp, cancellationToken);
        if (connectError is not null)
        {
            NotificationsLog.ConnectFailed(logger, smtp.Host, smtp.Port, connectError);
            return [.. messages.Select(m => new EmailDeliveryResult(m.MessageId, EmailDeliveryStatus.Deferred, connectError))];
        }

        var from = MailboxAddress.Parse(smtp.From);
        foreach (var message in messages)
        {
            if (cancellationToken.IsCancellationRequested || !client.IsConnected)
            {
                results.Add(new EmailDeliveryResult(message.MessageId, EmailDeliveryStatus.Deferred, "not attempted"));
                continue;
            }

            var result = await SendOneAsync(client, from, message, cancellationToken);
            results.Add(result);
            NotificationsLog.Sent(logger, message.MessageId, RecipientDomain(message.To), result.Status, result.Error);
        }

        if (client.IsConnected)
        {
            try
            {
                using var quit = new CancellationTokenSource(smtp.CommandTimeout);
                await client.DisconnectAsync(quit: true, quit.Token);
            }
            catch (Exception e) when (IsConnectionFailure(e))
            {
                // The messages are delivered or not already; a failed QUIT changes nothing.
            }
        }

        return results;
    }

    /// <summary>The part after the last '@': what logs may show of an address.</summary>
    public static string RecipientDomain(string address)
    {
        var at = address.LastIndexOf('@');
        return at >= 0 && at < address.Length - 1 ? address[(at + 1)..] : "?";
    }

    /// <summary>The MIME message: plain text, UTF-8, with a Message-ID derived from the message id so that a message sent twice (a crash between acceptance and bookkeeping) is recognisable as one.</summary>
    public static MimeMessage ToMime(EmailMessage message, MailboxAddress from)
    {
        var mime = new MimeMessage
        {
            Subject = message.Subject,
            Date = message.CreatedAt,
            MessageId = $"{message.MessageId}@{MessageIdDomain(from)}",
            Body = new TextPart(MimeKit.Text.TextFormat.Plain) { Text = message.TextBody },
        };
        mime.From.Add(from);
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Headers.Add("Auto-Submitted", "auto-generated"); // RFC 3834 §5: no auto-replies to notifications
        return mime;
    }

    private async Task<string?> ConnectAsync(SmtpClient client, SmtpOptions smtp, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(smtp.ConnectTimeout);
        try
        {
            await client.ConnectAsync(smtp.Host, smtp.Port, smtp.Security, timeout.Token);
            if (!string.IsNullOrEmpty(smtp.UserName))
            {
                await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? string.Empty, timeout.Token);
            }

            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return FormattableString.Invariant($"connecting timed out after {smtp.ConnectTimeout.TotalSeconds:0.#} s");
        }
        catch (AuthenticationException)
        {
            // Configuration, not the message: keep the mail until the credentials are fixed.
            return "the SMTP server refused the configured credentials";
        }
        catch (Exception e) when (IsConnectionFailure(e) || e is OperationCanceledException or SslHandshakeException or SmtpCommandException or NotSupportedException)
        {
            return Describe(e);
        }
    }

    private static async Task<EmailDeliveryResult> SendOneAsync(SmtpClient client, MailboxAddress from, EmailMessage message, CancellationToken cancellationToken)
    {
        MimeMessage mime;
        try
        {
            mime = ToMime(message, from);
        }
        catch (ParseException)
        {
            // An address no server can take: sending it again cannot help.
            return new EmailDeliveryResult(message.MessageId, EmailDeliveryStatus.Rejected, "the recipient address is not valid");
        }

        try
        {
            await client.SendAsync(mime, cancellationToken);
            return new EmailDeliveryResult(message.MessageId, EmailDeliveryStatus.Accepted);
        }
        catch (SmtpCommandException e)
        {
            // RFC 5321 §4.2.1: 5yz is a permanent negative reply, 4yz a transient one. MailKit resets the
            // transaction (RSET) after a refused command, so the connection serves the next message.
            var permanent = (int)e.StatusCode >= 500;
            return new EmailDeliveryResult(
                message.MessageId,
                permanent ? EmailDeliveryStatus.Rejected : EmailDeliveryStatus.Deferred,
                string.Create(CultureInfo.InvariantCulture, $"SMTP {(int)e.StatusCode} {e.ErrorCode}"));
        }
        catch (Exception e) when (IsConnectionFailure(e) || e is OperationCanceledException)
        {
            return new EmailDeliveryResult(message.MessageId, EmailDeliveryStatus.Deferred, Describe(e));
        }
    }

    private static bool IsConnectionFailure(Exception e) =>
        e is SocketException or IOException or SmtpProtocolException or ServiceNotConnectedException or TimeoutException;

    /// <summary>The exception's kind, and a socket's error code; not its message, which may quote an address.</summary>
    private static string Describe(Exception e) => e switch
    {
        SocketException socket => $"{nameof(SocketException)} {socket.SocketErrorCode}",
        IOException { InnerException: SocketException socket } => $"{nameof(IOException)} ({nameof(SocketException)} {socket.SocketErrorCode})",
        SmtpCommandException command => string.Create(CultureInfo.InvariantCulture, $"SMTP {(int)command.StatusCode} {command.ErrorCode}"),
        _ => e.GetType().Name,
    };

    private static string MessageIdDomain(MailboxAddress from)
    {
        var domain = RecipientDomain(from.Address);
        return domain == "?" ? "portalgrains.local" : domain;
    }
}
