namespace PortalGrains.Operations.Tests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<LocalCluster>
{
    public const string Name = "local cluster";
}
