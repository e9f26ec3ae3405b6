using System.Text;
using System.Text.RegularExpressions;

namespace PortalGrains.IdentityProviders.Errors;

/// <summary>
/// A failed call to an identity provider, typed by what the caller should do next (<see cref="Kind"/>).
/// Nothing in it holds a secret: the response body and descriptions are scrubbed and truncated, and
/// <see cref="Exception.Message"/> is built only from the stable developer message, the kind, the HTTP status
/// and the OAuth error code.
/// </summary>
public sealed partial class IdentityProviderException : Exception
{
    public const int MaxBodyLength = 2048;
    public const int MaxDescriptionLength = 512;
    private const int MaxErrorCodeLength = 80;

    public IdentityProviderException(
        IdentityProviderErrorKind kind,
        IdentityProviderOperation operation,
        string developerMessage,
        string adminDetail,
        int? httpStatus = null,
        string? error = null,
        string? errorDescription = null,
        string? responseBody = null,
        TimeSpan? retryAfter = null,
        Exception? innerException = null)
        : base(ComposeMessage(kind, operation, developerMessage, httpStatus, SanitizeErrorCode(error)), innerException)
    {
        Kind = kind;
        Operation = operation;
        DeveloperMessage = developerMessage;
        AdminDetail = adminDetail;
        HttpStatus = httpStatus;
        Error = SanitizeErrorCode(error);
        ErrorDescription = Truncate(errorDescription, MaxDescriptionLength);
        ResponseBody = Truncate(responseBody, MaxBodyLength);
        RetryAfter = retryAfter;
    }

    public IdentityProviderErrorKind Kind { get; }

    /// <summary>The client the failure concerns, when the identity provider holds one the caller may not know of yet.</summary>
    public string? ClientId { get; init; }

    public IdentityProviderOperation Operation { get; }

    /// <summary>A short, stable sentence for the developer, e.g. "The identity provider rejected the redirect URI."</summary>
    public string DeveloperMessage { get; }

    /// <summary>What an admin needs to fix or investigate: request, HTTP status, IdP error and description.</summary>
    public string AdminDetail { get; }

    public int? HttpStatus { get; }

    /// <summary>The OAuth <c>error</c> code (or the vendor's error code) the identity provider returned.</summary>
    public string? Error { get; }

    public string? ErrorDescription { get; }

    /// <summary>The start of the response body, secrets masked.</summary>
    public string? ResponseBody { get; }

    /// <summary>When the identity provider said to come back (Retry-After or a rate-limit reset header).</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>A copy with another classification or wording, keeping what the identity provider answered.</summary>
    internal IdentityProviderException Reclassify(
        IdentityProviderErrorKind? kind = null,
        string? developerMessage = null,
        string? adminDetail = null,
        string? error = null) =>
        new(
            kind ?? Kind,
            Operation,
            developerMessage ?? DeveloperMessage,
            adminDetail ?? AdminDetail,
            HttpStatus,
            error ?? Error,
            ErrorDescription,
            ResponseBody,
            RetryAfter,
            InnerException);

    private static string ComposeMessage(
        IdentityProviderErrorKind kind,
        IdentityProviderOperation operation,
        string developerMessage,
        int? httpStatus,
        string? error)
    {
        var message = new StringBuilder(developerMessage);
        message.Append(" (").Append(operation).Append(": ").Append(kind);
        if (httpStatus is { } status)
        {
            message.Append(", HTTP ").Append(status);
        }

        if (error is not null)
        {
            message.Append(", error ").Append(error);
        }

        return message.Append(')').ToString();
    }

    /// <summary>RFC 6749 §5.2: error codes are printable ASCII without '"' and '\'; anything else is dropped.</summary>
    private static string? SanitizeErrorCode(string? error) =>
        error is not null && error.Length <= MaxErrorCodeLength && ErrorCodeSyntax().IsMatch(error) ? error : null;

    private static string? Truncate(string? text, int maxLength) =>
        text is null || text.Length <= maxLength ? text : string.Concat(text.AsSpan(0, maxLength), "…");

    [GeneratedRegex(@"^[\x20\x21\x23-\x5B\x5D-\x7E]+$", RegexOptions.CultureInvariant)]
    private static partial Regex ErrorCodeSyntax();
}
