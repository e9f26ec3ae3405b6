using System.Net.Sockets;
using System.Text.Json;
using Polly;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using PortalGrains.IdentityProviders.Http;

namespace PortalGrains.IdentityProviders.Errors;

/// <summary>
/// Turns failed HTTP exchanges into typed <see cref="IdentityProviderException"/>s. The rule for a request that is
/// not idempotent (a registration POST, a PUT that rotates the registration access token, a secret rotation): it is
/// <see cref="IdentityProviderErrorKind.Transient"/> only where the identity provider cannot have acted on it
/// (not sent, 429, 503), otherwise <see cref="IdentityProviderErrorKind.Uncertain"/>.
/// </summary>
internal static class IdentityProviderErrors
{
    public static IdentityProviderException FromResponse(
        IdentityProviderOperation operation,
        HttpMethod method,
        Uri uri,
        int status,
        string? body,
        JsonElement? json,
        TimeSpan? retryAfter,
        bool mayHaveActed,
        SecretScrubber scrubber)
    {
        var (error, description) = ReadError(json);
        error = scrubber.Scrub(error);
        description = scrubber.ScrubAndTruncate(description, IdentityProviderException.MaxDescriptionLength);
        var scrubbedBody = scrubber.ScrubAndTruncate(body, IdentityProviderException.MaxBodyLength);

        var (kind, message) = Classify(operation, status, error, mayHaveActed);
        var detail = $"{method} {Describe(uri)} answered HTTP {status}"
            + (error is null ? string.Empty : $"; error: {error}")
            + (description is null ? string.Empty : $"; description: {description}")
            + (kind == IdentityProviderErrorKind.Uncertain
                ? "; the identity provider may have acted on the request: re-read the client before retrying"
                : string.Empty);

        return new IdentityProviderException(
            kind, operation, message, detail, status, error, description, scrubbedBody, retryAfter);
    }

    public static IdentityProviderException FromException(
        IdentityProviderOperation operation,
        HttpMethod method,
        Uri uri,
        Exception exception,
        bool mayHaveActed,
        SecretScrubber scrubber)
    {
        var what = $"{method} {Describe(uri)}";
        if (FindRefusal(exception) is { } refusal)
        {
            // the outbound rules (scheme, address) refused the destination: retrying cannot help, the settings must change
            return new IdentityProviderException(
                IdentityProviderErrorKind.Permanent,
                operation,
                IdentityProviderMessages.AddressRefused,
                $"{what}: {scrubber.Scrub(refusal.Reason)}",
                innerException: exception);
        }

        if (WasNotSent(exception, out var retryAfter))
        {
            return new IdentityProviderException(
                IdentityProviderErrorKind.Transient,
                operation,
                IdentityProviderMessages.Unreachable,
                $"{what} was not sent: {scrubber.Scrub(Describe(exception))}",
                retryAfter: retryAfter,
                innerException: exception);
        }

        return mayHaveActed
            ? new IdentityProviderException(
                IdentityProviderErrorKind.Uncertain,
                operation,
                IdentityProviderMessages.Unconfirmed,
                $"{what} was sent but no answer was received ({scrubber.Scrub(Describe(exception))}); "
                + "the identity provider may have acted on it: re-read the client before retrying",
                innerException: exception)
            : new IdentityProviderException(
                IdentityProviderErrorKind.Transient,
                operation,
                IdentityProviderMessages.Unavailable,
                $"{what} failed: {scrubber.Scrub(Describe(exception))}",
                innerException: exception);
    }

    public static IdentityProviderException InvalidResponse(
        IdentityProviderOperation operation,
        HttpMethod method,
        Uri uri,
        int status,
        string reason,
        string? body,
        bool mayHaveActed,
        SecretScrubber scrubber) =>
        new(
            mayHaveActed ? IdentityProviderErrorKind.Uncertain : IdentityProviderErrorKind.Permanent,
            operation,
            mayHaveActed ? IdentityProviderMessages.Unconfirmed : IdentityProviderMessages.InvalidResponse,
            $"{method} {Describe(uri)} answered HTTP {status} but {reason}",
            status,
            responseBody: scrubber.ScrubAndTruncate(body, IdentityProviderException.MaxBodyLength));

    /// <summary>
    /// Reads the error of an OAuth error response (RFC 6749 §5.2, RFC 7591 §3.2.2) and of the vendor formats seen
    /// in management APIs (Okta: errorCode/errorSummary/errorCauses, Auth0: errorCode/message, Microsoft Graph:
    /// error.code/error.message).
    /// </summary>
    public static (string? Error, string? Description) ReadError(JsonElement? json)
    {
        if (json is not { ValueKind: JsonValueKind.Object } root)
        {
            return (null, null);
        }

        // Microsoft Graph (OData): { "error": { "code": "...", "message": "..." } }
        if (root.TryGetProperty("error", out var odata) && odata.ValueKind == JsonValueKind.Object)
        {
            return (String(odata, "code"), String(odata, "message"));
        }

        var error = String(root, "errorCode") ?? String(root, "error");
        var description = String(root, "error_description") ?? String(root, "errorSummary") ?? String(root, "message");
        if (root.TryGetProperty("errorCauses", out var causes) && causes.ValueKind == JsonValueKind.Array)
        {
            var summaries = causes.EnumerateArray()
                .Select(cause => cause.ValueKind == JsonValueKind.Object ? String(cause, "errorSummary") : null)
                .OfType<string>()
                .ToArray();
            if (summaries.Length > 0)
            {
                description = string.Join("; ", new[] { description }.OfType<string>().Concat(summaries));
            }
        }

        return (error, description);
    }

    private static (IdentityProviderErrorKind Kind, string Message) Classify(
        IdentityProviderOperation operation, int status, string? error, bool mayHaveActed) =>
        status switch
        {
            429 => (IdentityProviderErrorKind.Transient, IdentityProviderMessages.RateLimited),
            503 => (IdentityProviderErrorKind.Transient, IdentityProviderMessages.Unavailable),
            // 408: the server gave up waiting for the request, so it did not process it
            408 => (IdentityProviderErrorKind.Transient, IdentityProviderMessages.Unavailable),
            405 or 501 => (IdentityProviderErrorKind.Unsupported, IdentityProviderMessages.Unsupported),
            >= 500 => mayHaveActed
                ? (IdentityProviderErrorKind.Uncertain, IdentityProviderMessages.Unconfirmed)
                : (IdentityProviderErrorKind.Transient, IdentityProviderMessages.Unavailable),
            401 => (IdentityProviderErrorKind.Permanent,
                operation is IdentityProviderOperation.Register or IdentityProviderOperation.ObtainAccessToken
                    ? IdentityProviderMessages.CredentialsRefused
                    : IdentityProviderMessages.RegistrationTokenRefused),
            404 when operation is not IdentityProviderOperation.Register and not IdentityProviderOperation.ObtainAccessToken
                => (IdentityProviderErrorKind.Permanent, IdentityProviderMessages.ClientNotFound),
            >= 400 => (IdentityProviderErrorKind.Permanent, MessageForError(error, status, operation)),
            _ => (IdentityProviderErrorKind.Permanent, IdentityProviderMessages.InvalidResponse),
        };

    private static string MessageForError(string? error, int status, IdentityProviderOperation operation) => error switch
    {
        "invalid_redirect_uri" => IdentityProviderMessages.InvalidRedirectUri,
        "invalid_client_metadata" => IdentityProviderMessages.InvalidClientMetadata,
        "invalid_scope" => IdentityProviderMessages.InvalidScope,
        "invalid_software_statement" or "unapproved_software_statement" => IdentityProviderMessages.InvalidSoftwareStatement,
        "invalid_client" when operation == IdentityProviderOperation.ObtainAccessToken => IdentityProviderMessages.CredentialsRefused,
        "invalid_token" => IdentityProviderMessages.CredentialsRefused,
        _ when status == 403 => IdentityProviderMessages.CredentialsRefused,
        _ => IdentityProviderMessages.Rejected,
    };

    private static bool WasNotSent(Exception exception, out TimeSpan? retryAfter)
    {
        retryAfter = null;
        switch (exception)
        {
            case BrokenCircuitException broken:
                retryAfter = broken.RetryAfter;
                return true;
            case RateLimiterRejectedException rejected:
                retryAfter = rejected.RetryAfter;
                return true;
            case HttpRequestException request when request.HttpRequestError is HttpRequestError.NameResolutionError
                or HttpRequestError.ConnectionError
                or HttpRequestError.SecureConnectionError
                or HttpRequestError.ProxyTunnelError:
                return true;
        }

        if (IdentityProviderRequestFailureClassifier.Classify(exception).Kind == IdentityProviderRequestFailureKind.NotSent)
        {
            return true;
        }

        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound
                or SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.TryAgain })
            {
                return true;
            }
        }

        return false;
    }

    private static OutboundRequestRefusedException? FindRefusal(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is OutboundRequestRefusedException refused)
            {
                return refused;
            }
        }

        return null;
    }

    private static string Describe(Exception exception) => exception switch
    {
        HttpRequestException request => $"{request.HttpRequestError}: {request.Message}",
        ExecutionRejectedException rejected => $"{rejected.GetType().Name}: {rejected.Message}",
        OperationCanceledException => "timed out",
        _ => $"{exception.GetType().Name}: {exception.Message}",
    };

    private static string Describe(Uri uri) => uri.GetLeftPart(UriPartial.Path);

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
