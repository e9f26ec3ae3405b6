using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
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

        const string section = WebhookOptions.SectionName;
        services.AddOptions<WebhookOptions>()
            .BindConfiguration(section)
            .Validate(o => o.MaxEndpoints is > 0 and <= 1000, $"{section}:{nameof(WebhookOptions.MaxEndpoints)} must be between 1 and 1000.")
            .Validate(o => o.Timeout > TimeSpan.Zero && o.Timeout <= TimeSpan.FromSeconds(20),
                $"{section}:{nameof(WebhookOptions.Timeout)} must be positive and at most 20 seconds (below the grain call timeout).")
            .Validate(o => o.MaxResponseBytes > 0, $"{section}:{nameof(WebhookOptions.MaxResponseBytes)} must be positive.")
            .Validate(o => o.FirstRetryDelay > TimeSpan.Zero && o.MaxRetryDelay >= o.FirstRetryDelay && o.GiveUpAfter >= o.FirstRetryDelay,
                $"{section}:{nameof(WebhookOptions.FirstRetryDelay)} must be positive and at most {nameof(WebhookOptions.MaxRetryDelay)} and {nameof(WebhookOptions.GiveUpAfter)}.")
            .Validate(o => o.BatchSize is > 0 and <= 100 && o.DeliveriesKept is > 0 and <= 1000 && o.RememberedEventsPerShard > 0 && o.MaxPendingPerShard > 0,
                $"{section}: {nameof(WebhookOptions.BatchSize)} (1-100), {nameof(WebhookOptions.DeliveriesKept)} (1-1000) {nameof(WebhookOptions.RememberedEventsPerShard)} and {nameof(WebhookOptions.MaxPendingPerShard)} must be positive.")
            .Validate(o => o.SweepInterval > TimeSpan.Zero, $"{section}:{nameof(WebhookOptions.SweepInterval)} must be positive.")
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
