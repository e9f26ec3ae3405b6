using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PortalGrains.Configuration;
using PortalGrains.Grains.Webhooks;
using PortalGrains.IdentityProviders.Http;

namespace PortalGrains.Grains.Hosting;

public static class WebhooksServiceCollectionExtensions
{
    /// <summary>
    /// Webhooks: options from <c>Portal:Webhooks</c>, validated at start, the sender (through the outbound policy)
    /// and the periodic waking of the outbox shards.
    /// </summary>
    public static IServiceCollection AddPortalWebhooks(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(WebhookOutboxResumer)))
        {
            return services;
        }

        services.AddOptions<WebhookOptions>()
            .BindConfiguration(WebhookOptions.SectionName)
            .ValidateProblems(WebhookOptions.SectionName)
            .ValidateOnStart();
        services.AddIdentityProviderHttp();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IWebhookSender, HttpWebhookSender>();
        services.TryAddSingleton<TeamChangeRecorder>();
        services.AddSingleton<WebhookOutboxResumer>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<WebhookOutboxResumer>());
        return services;
    }
}
