namespace PortalGrains.Host.Configuration;

public enum ClusteringKind
{
    Localhost,
    Redis,
}
