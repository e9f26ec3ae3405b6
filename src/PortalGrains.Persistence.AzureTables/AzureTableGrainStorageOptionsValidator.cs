using Orleans;
using Orleans.Runtime;

namespace PortalGrains.Persistence.AzureTables;

/// <summary>Checks the options of one provider when the silo starts.</summary>
internal sealed class AzureTableGrainStorageOptionsValidator(AzureTableGrainStorageOptions options, string name)
    : IConfigurationValidator
{
    public void ValidateConfiguration()
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new OrleansConfigurationException(
                $"Grain storage '{name}': the Azure Table connection string ({options.ConnectionStringSource}) is empty.");
        }

        if (!AzureTableNames.IsValid(options.TableName))
        {
            throw new OrleansConfigurationException(
                $"Grain storage '{name}': table name '{options.TableName}' is not valid: 3-63 letters and digits, starting with a letter.");
        }
    }
}
