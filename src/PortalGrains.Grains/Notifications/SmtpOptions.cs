using MailKit.Security;
using MimeKit;
using PortalGrains.Configuration;

namespace PortalGrains.Grains.Notifications;

/// <summary>The <c>Portal:Notifications:Smtp</c> section: the mail server the outbox hands messages to.</summary>
public sealed class SmtpOptions : IProblemReportingOptions
{
    public const string SectionName = NotificationOptions.SectionName + ":Smtp";

    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 1025;

    /// <summary>
    /// <c>None</c> (plain; only for a server on this machine), <c>StartTls</c> (RFC 3207, usually port 587),
    /// <c>SslOnConnect</c> (implicit TLS, RFC 8314, usually port 465), <c>StartTlsWhenAvailable</c> or <c>Auto</c>.
    /// </summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.None;

    /// <summary>The sender address, optionally with a display name ("API Portal &lt;portal@example.com&gt;").</summary>
    public string From { get; set; } = "portal@localhost";

    /// <summary>Set both to authenticate; the password is never logged.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest wait for one answer of the server once connected.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Host) || Port is <= 0 or > 65535)
            problems.Add($"{nameof(Host)} and {nameof(Port)} must name a mail server");
        if (!MailboxAddress.TryParse(From, out var from) || !from.Address.Contains('@', StringComparison.Ordinal))
            problems.Add($"{nameof(From)} must be an e-mail address");
        if (!string.IsNullOrEmpty(UserName) && Password is null)
            problems.Add($"{nameof(Password)} must be set along with {nameof(UserName)}");
        if (ConnectTimeout <= TimeSpan.Zero || CommandTimeout <= TimeSpan.Zero)
            problems.Add("the time-outs must be positive");
        return problems;
    }
}
