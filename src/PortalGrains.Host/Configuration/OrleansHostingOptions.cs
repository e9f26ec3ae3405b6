using System.ComponentModel.DataAnnotations;

namespace PortalGrains.Host.Configuration;

/// <summary>The <c>Orleans</c> configuration section.</summary>
public sealed class OrleansHostingOptions
{
    public const string SectionName = "Orleans";

    public ClusteringKind Clustering { get; set; } = ClusteringKind.Localhost;

    public StorageKind Storage { get; set; } = StorageKind.AzureTables;

    [Required]
    public string ClusterId { get; set; } = "portal";

    [Required]
    public string ServiceId { get; set; } = "portal";

    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos reach this one at; loopback when not set.</summary>
    public string? AdvertisedIPAddress { get; set; }

    /// <summary>
    /// With Redis clustering, the silo takes its name and advertised address from the pod (POD_NAME, POD_NAMESPACE,
    /// POD_IP) and deletes the pods of silos the cluster declared dead (Microsoft.Orleans.Hosting.Kubernetes).
    /// </summary>
    public bool KubernetesHosting { get; set; }

    /// <summary>
    /// How long an application's grain stays activated without calls. Its due identity provider work does not keep
    /// it: the pending-reconciliations index wakes it when the work is due. More than Orleans' collection quantum (1 minute).
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:01", "10675199.00:00:00", ErrorMessage = "Orleans:ApplicationCollectionAge must be more than a minute")]
    public TimeSpan ApplicationCollectionAge { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long other grains stay activated without calls (Orleans' default). More than a minute.</summary>
    [Range(typeof(TimeSpan), "00:01:01", "10675199.00:00:00", ErrorMessage = "Orleans:CollectionAge must be more than a minute")]
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);
}
