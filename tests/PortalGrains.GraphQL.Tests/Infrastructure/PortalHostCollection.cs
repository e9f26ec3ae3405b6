namespace PortalGrains.GraphQL.Tests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class PortalHostCollection : ICollectionFixture<PortalHostFixture>
{
    public const string Name = "portal host";
}
