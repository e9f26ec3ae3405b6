namespace PortalGrains.Host.Configuration;

public enum StorageKind
{
    AzureTables,
    Redis,
    Memory,
}
