using System.Text.RegularExpressions;

namespace PortalGrains.Persistence.AzureTables;

/// <summary>
/// Table names the Table service accepts: 3-63 letters and digits, starting with a letter
/// (learn.microsoft.com/rest/api/storageservices/understanding-the-table-service-data-model, "Table names").
/// </summary>
public static partial class AzureTableNames
{
    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    private static partial Regex Pattern();
}
