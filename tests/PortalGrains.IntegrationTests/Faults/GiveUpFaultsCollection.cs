namespace PortalGrains.IntegrationTests.Faults;

/// <summary>The fault tests that need provisioning to give up, or a circuit breaker that opens quickly.</summary>
[CollectionDefinition(Name)]
public sealed class GiveUpFaultsCollection : ICollectionFixture<GiveUpPortalHost>
{
    public const string Name = "faults-give-up";
}
