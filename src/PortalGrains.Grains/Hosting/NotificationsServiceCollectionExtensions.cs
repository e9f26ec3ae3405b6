using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MimeKit;
using PortalGrains.Grains.Notifications;
using PortalGrains.Grains.Validation;

namespace PortalGrains.Grains.Hosting;

public static class NotificationsServiceCollectionExtensions
{
    /// <summary>
    /// E-mail notifications of developers: options from <c>Portal:Notifications</c> (and its <c>Smtp</c> section),
    /// validated at start, the SMTP sender (MailKit), and the resumption of the outbox at silo start.
    /// The notifier grain also reads the catalogue (<see cref="Abstractions.Catalog.ICatalogReader"/>, from
    /// <c>AddPortalGrains</c>).
    /// </summary>
    public static IServiceCollection AddPortalNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<NotificationOptions>()
            .Bind(configuration.GetSection(NotificationOptions.SectionName))
            .Validate(o => Uri.TryCreate(o.PortalUrl, UriKind.Absolute, out var url) && url.Scheme is "http" or "https",
                $"{NotificationOptions.SectionName}:{nameof(NotificationOptions.PortalUrl)} must be an absolute http(s) URL.")
            .Validate(o => o.ApplicationPath.Contains("{applicationId}", StringComparison.Ordinal),
                $"{NotificationOptions.SectionName}:{nameof(NotificationOptions.ApplicationPath)} must contain {{applicationId}}.")
            .Validate(o => o.FirstRetryDelay > TimeSpan.Zero && o.MaxRetryDelay >= o.FirstRetryDelay,
                $"{NotificationOptions.SectionName}:{nameof(NotificationOptions.FirstRetryDelay)} must be positive and at most {nameof(NotificationOptions.MaxRetryDelay)}.")
            .Validate(o => o.SendBudget > TimeSpan.Zero && o.SendBudget <= TimeSpan.FromSeconds(25),
                $"{NotificationOptions.SectionName}:{nameof(NotificationOptions.SendBudget)} must be positive and at most 25 seconds (below the grain call timeout).")
            .Validate(o => o.BatchSize > 0 && o.MaxPendingPerShard > 0 && o.RememberedSentPerShard >= 0,
                $"{NotificationOptions.SectionName}: {nameof(NotificationOptions.BatchSize)} and {nameof(NotificationOptions.MaxPendingPerShard)} must be positive.")
            .Validate(o => o.AdminEmails.All(EmailAddressRules.IsPlausible),
                $"{NotificationOptions.SectionName}:{nameof(NotificationOptions.AdminEmails)} must hold e-mail addresses.")
            .Validate(o => o.AdminAlertInterval > TimeSpan.Zero,
                $"{NotificationOptions.SectionName}:{nameof(NotificationOptions.AdminAlertInterval)} must be positive.")
            .ValidateOnStart();
        services.AddOptions<SmtpOptions>()
            .Bind(configuration.GetSection(SmtpOptions.SectionName))
            .Validate(o => !string.IsNullOrWhiteSpace(o.Host) && o.Port is > 0 and <= 65535,
                $"{SmtpOptions.SectionName}:{nameof(SmtpOptions.Host)} and {nameof(SmtpOptions.Port)} must name a mail server.")
            .Validate(o => MailboxAddress.TryParse(o.From, out var from) && from.Address.Contains('@', StringComparison.Ordinal),
                $"{SmtpOptions.SectionName}:{nameof(SmtpOptions.From)} must be an e-mail address.")
            .Validate(o => string.IsNullOrEmpty(o.UserName) || o.Password is not null,
                $"{SmtpOptions.SectionName}:{nameof(SmtpOptions.Password)} must be set along with {nameof(SmtpOptions.UserName)}.")
            .Validate(o => o.ConnectTimeout > TimeSpan.Zero && o.CommandTimeout > TimeSpan.Zero,
                $"{SmtpOptions.SectionName}: the time-outs must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton<IEmailSender, MailKitEmailSender>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, NotificationOutboxResumer>();
        return services;
    }
}
