namespace PortalGrains.Persistence.AzureTables.Tests;

[CollectionDefinition(Name)]
public sealed class AzureTablesCollection : ICollectionFixture<StorageSiloFixture>
{
    public const string Name = "Azure Table grain storage";
}
