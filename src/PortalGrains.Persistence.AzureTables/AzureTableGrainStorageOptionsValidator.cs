using System.Text.RegularExpressions;
using Orleans;
using Orleans.Runtime;

namespace PortalGrains.Persistence.AzureTables;

/// <summary>Checks the options of one provider when the silo starts.</summary>
internal sealed partial class AzureTableGrainStorageOptionsValidator(AzureTableGrainStorageOptions options, string name)
    : IConfigurationValidator
{
    public void ValidateConfiguration()
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new OrleansConfigurationException(
                $"Grain storage '{name}': the Azure Table connection string ({options.ConnectionStringSource}) is empty.");
        }

        // learn.microsoft.com/rest/api/storageservices/understanding-the-table-service-data-model, "Table names".
        if (options.TableName is null || !TableNamePattern().IsMatch(options.TableName))
        {
            throw new OrleansConfigurationException(
                $"Grain storage '{name}': table name '{options.TableName}' is not valid: 3-63 letters and digits, starting with a letter.");
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    private static partial Regex TableNamePattern();
}
