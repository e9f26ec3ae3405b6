using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PortalGrains.Configuration;
using PortalGrains.Grains.Applications;
using PortalGrains.Grains.Providers;
using PortalGrains.Grains.Provisioning;
using PortalGrains.Grains.Security;
using PortalGrains.IdentityProviders.Discovery;
using PortalGrains.IdentityProviders.Registration;

namespace PortalGrains.Grains.Hosting;

public static class ProvisioningServiceCollectionExtensions
{
    /// <summary>
    /// What the provider and application grains need: the identity provider layer (HTTP, discovery and JWKS cache,
    /// registration drivers), secret protection (the host configures the Data Protection key ring), options, and
    /// the resumption of pending work at silo start.
    /// </summary>
    public static IServiceCollection AddPortalProvisioning(this IServiceCollection services)
    {
        services.AddIdentityProviderMetadataCache();
        services.AddClientRegistrationDrivers();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ISecretProtector, DataProtectionSecretProtector>();
        services.TryAddSingleton<IdentityProviderConnector>();
        services.TryAddSingleton<ProviderSettingsValidator>();
        services.AddOptions<ProviderValidationOptions>()
            .BindConfiguration(ProviderValidationOptions.SectionName)
            .ValidateOnStart();
        services.AddOptions<ProvisioningOptions>()
            .BindConfiguration(ProvisioningOptions.SectionName)
            .ValidateProblems(ProvisioningOptions.SectionName)
            .ValidateOnStart();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, PendingWorkResumer>();
        return services;
    }
}
