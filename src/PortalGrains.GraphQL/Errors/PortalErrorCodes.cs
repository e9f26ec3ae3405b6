namespace PortalGrains.GraphQL.Errors;

/// <summary>The <c>extensions.code</c> values of GraphQL errors (user errors in payloads use UserErrorCodes).</summary>
public static class PortalErrorCodes
{
    /// <summary>No token on a field that needs one, or a token that is not valid.</summary>
    public const string Unauthenticated = "UNAUTHENTICATED";

    /// <summary>A valid token that may not do this.</summary>
    public const string Forbidden = "FORBIDDEN";

    /// <summary>The login identity provider cannot be reached to check tokens; retry.</summary>
    public const string AuthUnavailable = "AUTH_UNAVAILABLE";

    /// <summary>An argument outside what the field accepts.</summary>
    public const string BadUserInput = "BAD_USER_INPUT";

    /// <summary>A feature whose service is not registered on this server.</summary>
    public const string NotConfigured = "NOT_CONFIGURED";

    /// <summary>The data changed while the request ran (optimistic concurrency); read again and retry.</summary>
    public const string Conflict = "CONFLICT";

    /// <summary>The request timed out; it may or may not have taken effect: read again before retrying.</summary>
    public const string Timeout = "TIMEOUT";

    /// <summary>A silo is going away or cannot be reached; retry.</summary>
    public const string Unavailable = "UNAVAILABLE";

    /// <summary>Anything else; the message carries a correlation id that also stands in the server log.</summary>
    public const string Internal = "INTERNAL";
}
