namespace PortalGrains.Abstractions.Common;

/// <summary>The stable codes of <see cref="UserError"/>; front ends switch on these.</summary>
public static class UserErrorCodes
{
    public const string Required = "REQUIRED";
    public const string Invalid = "INVALID";
    public const string TooLong = "TOO_LONG";
    public const string TooMany = "TOO_MANY";
    public const string NotFound = "NOT_FOUND";
    public const string NotPublished = "NOT_PUBLISHED";
    public const string DcrDisabled = "DCR_DISABLED";
    public const string ClientTypeNotAllowed = "CLIENT_TYPE_NOT_ALLOWED";
    public const string ClientTypeMismatch = "CLIENT_TYPE_MISMATCH";
    public const string InvalidRedirectUri = "INVALID_REDIRECT_URI";
    public const string InvalidUrl = "INVALID_URL";
    public const string InvalidClientType = "INVALID_CLIENT_TYPE";
    public const string InUse = "IN_USE";
    public const string InvalidTransition = "INVALID_TRANSITION";
    public const string Forbidden = "FORBIDDEN";
    public const string Conflict = "CONFLICT";
    public const string ProviderUnavailable = "PROVIDER_UNAVAILABLE";
    public const string ProviderRejected = "PROVIDER_REJECTED";
    public const string LimitExceeded = "LIMIT_EXCEEDED";

    /// <summary>A team keeps at least one OWNER: the last one can neither leave nor be removed.</summary>
    public const string LastOwner = "LAST_OWNER";

    /// <summary>The invitation's time ran out.</summary>
    public const string Expired = "EXPIRED";

    /// <summary>A stored secret must be given again: the settings would send it to another scheme, host or port.</summary>
    public const string SecretRequired = "SECRET_REQUIRED";
}
