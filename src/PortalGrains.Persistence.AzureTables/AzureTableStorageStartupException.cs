using Orleans.Runtime;

namespace PortalGrains.Persistence.AzureTables;

/// <summary>Thrown at silo start when the grain state table cannot be reached or created.</summary>
public sealed class AzureTableStorageStartupException : OrleansException
{
    /// <summary>Creates the exception with a one-line reason.</summary>
    public AzureTableStorageStartupException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a one-line reason and the failure behind it.</summary>
    public AzureTableStorageStartupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
