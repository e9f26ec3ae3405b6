namespace PortalGrains.IntegrationTests.Faults;

/// <summary>The fault tests whose faults heal: one <see cref="ResilientPortalHost"/> for all.</summary>
[CollectionDefinition(Name)]
public sealed class ResilientFaultsCollection : ICollectionFixture<ResilientPortalHost>
{
    public const string Name = "faults";
}
