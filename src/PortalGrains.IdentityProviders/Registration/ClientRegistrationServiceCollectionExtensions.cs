using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PortalGrains.Configuration;
using PortalGrains.IdentityProviders.InitialAccess;

namespace PortalGrains.IdentityProviders.Registration;

public static class ClientRegistrationServiceCollectionExtensions
{
    /// <summary>
    /// Registers the client registration drivers, the initial access token cache and the metadata validator.
    /// <see cref="InitialAccessTokenOptions"/> are bound from <see cref="InitialAccessTokenOptions.SectionName"/> when an
    /// IConfiguration is registered, and validated at start-up.
    /// </summary>
    public static IServiceCollection AddClientRegistrationDrivers(this IServiceCollection services)
    {
        services.AddOptions<InitialAccessTokenOptions>()
            .BindConfiguration(InitialAccessTokenOptions.SectionName, InitialAccessTokenOptions.FormerSection)
            .ValidateProblems(InitialAccessTokenOptions.SectionName)
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => new InitialAccessTokenProvider(
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<IOptions<InitialAccessTokenOptions>>().Value,
            provider.GetRequiredService<ILogger<InitialAccessTokenProvider>>()));
        services.TryAddSingleton(provider => new ClientRegistrationDriverFactory(
            provider.GetRequiredService<InitialAccessTokenProvider>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILoggerFactory>()));
        services.TryAddSingleton<ClientMetadataValidator>();
        return services;
    }
}
