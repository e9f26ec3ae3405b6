namespace PortalGrains.Grains.Audit;

/// <summary>The subject types of audit entries.</summary>
public static class AuditSubjects
{
    public const string Provider = "Provider";
    public const string Product = "Product";
    public const string Plan = "Plan";
    public const string AccessRequest = "AccessRequest";
    public const string Webhook = "Webhook";
    public const string Team = "Team";
    public const string Application = "Application";
}
