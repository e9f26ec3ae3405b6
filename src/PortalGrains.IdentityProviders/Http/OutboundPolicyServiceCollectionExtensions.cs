using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace PortalGrains.IdentityProviders.Http;

public static class OutboundPolicyServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="OutboundPolicyOptions"/>, resolved by <see cref="OutboundPolicyConfiguration"/> from the
    /// registered IConfiguration and IHostEnvironment (none: the defaults outside Development); then
    /// <paramref name="configure"/> runs.
    /// </summary>
    public static IServiceCollection AddOutboundPolicy(this IServiceCollection services, Action<OutboundPolicyOptions>? configure = null)
    {
        var options = services.AddOptions<OutboundPolicyOptions>();
        if (!services.Any(static d => d.ServiceType == typeof(OutboundPolicyMarker)))
        {
            services.AddSingleton<OutboundPolicyMarker>();
            // Resolved once, before any configure delegate, so that a later call cannot overwrite what a delegate set.
            options.Configure<IServiceProvider>(static (o, sp) =>
                OutboundPolicyConfiguration.Apply(o, sp.GetService<IConfiguration>(), sp.GetService<IHostEnvironment>()));
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        return services;
    }

    private sealed class OutboundPolicyMarker;
}
