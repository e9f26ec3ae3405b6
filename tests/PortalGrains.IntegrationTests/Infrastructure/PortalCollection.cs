namespace PortalGrains.IntegrationTests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalHost>
{
    public const string Name = "portal";
}
