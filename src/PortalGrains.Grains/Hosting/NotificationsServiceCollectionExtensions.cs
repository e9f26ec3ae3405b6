using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PortalGrains.Configuration;
using PortalGrains.Grains.Notifications;

namespace PortalGrains.Grains.Hosting;

public static class NotificationsServiceCollectionExtensions
{
    /// <summary>
    /// E-mail notifications of developers: options from <c>Portal:Notifications</c> (and its <c>Smtp</c> section),
    /// validated at start, the SMTP sender (MailKit), and the resumption of the outbox at silo start.
    /// The notifier grain also reads the catalogue (<see cref="Abstractions.Catalog.ICatalogReader"/>, from
    /// <c>AddPortalGrains</c>).
    /// </summary>
    public static IServiceCollection AddPortalNotifications(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<NotificationOptions>()
            .BindConfiguration(NotificationOptions.SectionName)
            .ValidateProblems(NotificationOptions.SectionName)
            .ValidateOnStart();
        services.AddOptions<SmtpOptions>()
            .BindConfiguration(SmtpOptions.SectionName)
            .ValidateProblems(SmtpOptions.SectionName)
            .ValidateOnStart();
        services.TryAddSingleton<IEmailSender, MailKitEmailSender>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, NotificationOutboxResumer>();
        return services;
    }
}
