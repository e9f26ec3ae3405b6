using System.ComponentModel.DataAnnotations;

namespace PortalGrains.Abstractions.Audit;

/// <summary>The <c>Portal:Audit</c> section: where the audit log is kept (its store follows <c>Orleans:Storage</c>).</summary>
public sealed class AuditOptions
{
    public const string SectionName = "Portal:Audit";

    /// <summary>The Azure table of the audit log (3–63 letters and digits, starting with a letter).</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "TableName must be 3 to 63 letters and digits, starting with a letter.")]
    public string TableName { get; set; } = "PortalAudit";

    /// <summary>The prefix of the Redis keys of the audit log.</summary>
    [Required(AllowEmptyStrings = false)]
    public string RedisKeyPrefix { get; set; } = "portal:audit";
}
