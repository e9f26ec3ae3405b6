using System.Xml.Linq;
using Azure;
using Azure.Data.Tables;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace PortalGrains.Persistence.AzureTables;

/// <summary>
/// The ASP.NET Core Data Protection key ring in an Azure table, so that every silo encrypts and decrypts secrets
/// with the same keys. Each key is one entity holding its XML (encrypted at rest when the host adds a
/// ProtectKeysWith* option).
/// </summary>
public sealed class AzureTableXmlRepository(TableClient table) : IXmlRepository
{
    private const string PartitionKey = "dataprotection-keys";
    private const string XmlProperty = "Xml";
    private readonly Lazy<TableClient> _table = new(() =>
    {
        table.CreateIfNotExists();
        return table;
    });

    public IReadOnlyCollection<XElement> GetAllElements() =>
        _table.Value.Query<TableEntity>(e => e.PartitionKey == PartitionKey)
            .Select(e => XElement.Parse(e.GetString(XmlProperty)))
            .ToList();

    public void StoreElement(XElement element, string friendlyName)
    {
        var entity = new TableEntity(PartitionKey, AzureTableKeys.Escape(friendlyName))
        {
            [XmlProperty] = element.ToString(SaveOptions.DisableFormatting),
        };
        try
        {
            _table.Value.AddEntity(entity);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Key names are unique (key-{guid}); a conflict means another silo stored this very key already.
        }
    }
}
