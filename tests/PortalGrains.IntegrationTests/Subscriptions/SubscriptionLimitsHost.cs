using PortalGrains.IntegrationTests.Infrastructure;
using PortalGrains.Testing;

namespace PortalGrains.IntegrationTests.Subscriptions;

/// <summary>
/// A host of its own with small subscription limits and short timers: connection_init within 1 s, keep-alive every
/// second, 2 subscriptions per connection, 2 connections per user, and no clock skew on login tokens.
/// </summary>
public sealed class SubscriptionLimitsHost : IAsyncLifetime
{
    public const int MaxSubscriptionsPerConnection = 2;
    public const int MaxConnectionsPerUser = 2;

    public PortalHost Host { get; } = new()
    {
        ExtraEnvironment = new Dictionary<string, string>
        {
            ["GraphQL__ConnectionInitTimeout"] = "00:00:01",
            ["GraphQL__KeepAliveInterval"] = "00:00:01",
            ["GraphQL__MaxSubscriptionsPerConnection"] = MaxSubscriptionsPerConnection.ToString(),
            ["GraphQL__MaxConnectionsPerUser"] = MaxConnectionsPerUser.ToString(),
            ["Portal__Auth__ClockSkew"] = "00:00:00",
        },
    };

    /// <summary>A developer of one test, with a name no other test uses.</summary>
    public Task<string> DeveloperTokenAsync() =>
        new PortalScenario(Host.GraphQL, Host.LoginIdp, DevIdentityProvider.Shared).DeveloperTokenAsync("dev");

    public Task InitializeAsync() => Host.InitializeAsync();

    public Task DisposeAsync() => Host.DisposeAsync();
}
