using System.Collections.Frozen;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PortalGrains.IdentityProviders.InitialAccess;
using PortalGrains.IdentityProviders.Vendors;

namespace PortalGrains.IdentityProviders.Registration;

/// <summary>The driver of each identity provider kind. Drivers are stateless; one instance per kind is shared.</summary>
public sealed class ClientRegistrationDriverFactory
{
    private readonly FrozenDictionary<IdentityProviderKind, IClientRegistrationDriver> drivers;

    public ClientRegistrationDriverFactory(
        InitialAccessTokenProvider tokens, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
    {
        var time = timeProvider ?? TimeProvider.System;
        var loggers = loggerFactory ?? NullLoggerFactory.Instance;
        IClientRegistrationDriver[] all =
        [
            new Rfc7591ClientRegistrationDriver(tokens, time, loggers.CreateLogger<Rfc7591ClientRegistrationDriver>()),
            new KeycloakClientRegistrationDriver(tokens, time, loggers.CreateLogger<KeycloakClientRegistrationDriver>()),
            new OktaClientRegistrationDriver(tokens, time, loggers.CreateLogger<OktaClientRegistrationDriver>()),
            new CurityClientRegistrationDriver(tokens, time, loggers.CreateLogger<CurityClientRegistrationDriver>()),
            new GluuClientRegistrationDriver(tokens, time, loggers.CreateLogger<GluuClientRegistrationDriver>()),
            new Auth0ClientRegistrationDriver(tokens, time, loggers.CreateLogger<Auth0ClientRegistrationDriver>()),
            new HttpBridgeClientRegistrationDriver(time, loggers.CreateLogger<HttpBridgeClientRegistrationDriver>()),
            new EntraClientRegistrationDriver(tokens, time, loggers.CreateLogger<EntraClientRegistrationDriver>()),
        ];
        drivers = all.ToFrozenDictionary(driver => driver.Kind);
    }

    public IClientRegistrationDriver GetDriver(IdentityProviderKind kind) =>
        drivers.TryGetValue(kind, out var driver)
            ? driver
            : throw new ArgumentOutOfRangeException(nameof(kind), kind, "No client registration driver for this kind.");
}
