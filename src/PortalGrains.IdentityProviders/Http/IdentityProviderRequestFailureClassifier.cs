using System.Net;
using System.Net.Sockets;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace PortalGrains.IdentityProviders.Http;

/// <summary>
/// Tells callers (the registration drivers) whether a failed request may have been acted on by the IdP.
/// A registration POST is not idempotent (RFC 7591 §3): send it again only after <see cref="IdentityProviderRequestFailureKind.NotSent"/>
/// or a 503/429 answer, and look for a created client after <see cref="IdentityProviderRequestFailureKind.Uncertain"/>.
/// </summary>
public static class IdentityProviderRequestFailureClassifier
{
    /// <summary>Classifies an exception thrown by a client from <see cref="IIdentityProviderHttpClientFactory"/>.</summary>
    public static IdentityProviderRequestFailure Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);

        if (FindRefusal(exception) is { } refused)
        {
            return new IdentityProviderRequestFailure(IdentityProviderRequestFailureKind.NotSent, null, refused.Message);
        }

        return exception switch
        {
            BrokenCircuitException => new IdentityProviderRequestFailure(
                IdentityProviderRequestFailureKind.NotSent, null, "circuit open: the provider failed repeatedly, calls are held back"),
            HttpRequestException http when IsNotSent(http) => new IdentityProviderRequestFailure(
                IdentityProviderRequestFailureKind.NotSent, null, Describe(http)),
            TimeoutRejectedException timeout => new IdentityProviderRequestFailure(
                IdentityProviderRequestFailureKind.Uncertain, null, $"timed out after {timeout.Timeout}; the request may have been sent"),
            OperationCanceledException => new IdentityProviderRequestFailure(
                IdentityProviderRequestFailureKind.Uncertain, null, "cancelled; the request may have been sent"),
            _ => new IdentityProviderRequestFailure(IdentityProviderRequestFailureKind.Uncertain, null, Describe(exception)),
        };
    }

    /// <summary>Classifies a response; null when it is a success (2xx).</summary>
    public static IdentityProviderRequestFailure? Classify(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.IsSuccessStatusCode)
        {
            return null;
        }

        return Classify(response.StatusCode) with { RetryAfter = GetRetryAfter(response, TimeProvider.System) };
    }

    /// <summary>Classifies an error status: 500, 502 and 504 are uncertain, every other one a rejection.</summary>
    public static IdentityProviderRequestFailure Classify(HttpStatusCode statusCode)
    {
        var kind = statusCode is HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout
            ? IdentityProviderRequestFailureKind.Uncertain
            : IdentityProviderRequestFailureKind.Rejected;
        return new IdentityProviderRequestFailure(kind, statusCode, $"HTTP {(int)statusCode} {statusCode}");
    }

    /// <summary>The refusal by the outbound rules in <paramref name="exception"/> or its inner exceptions.</summary>
    internal static OutboundRequestRefusedException? FindRefusal(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is OutboundRequestRefusedException refused)
            {
                return refused;
            }
        }

        return null;
    }

    /// <summary>True when no TCP connection could be made, so no byte of the request left.</summary>
    internal static bool IsConnectFailure(Exception exception) =>
        exception is HttpRequestException http
        && FindRefusal(http) is null
        && (http.HttpRequestError == HttpRequestError.ConnectionError
            || http.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused });

    internal static TimeSpan? GetRetryAfter(HttpResponseMessage response, TimeProvider timeProvider)
    {
        var retryAfter = response.Headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (retryAfter?.Date is { } date)
        {
            var delay = date - timeProvider.GetUtcNow();
            return delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
        }

        return null;
    }

    private static bool IsNotSent(HttpRequestException exception) =>
        IsConnectFailure(exception)
        || exception.HttpRequestError is HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError;

    private static string Describe(Exception exception) =>
        exception is HttpRequestException { HttpRequestError: not HttpRequestError.Unknown } http
            ? $"{http.HttpRequestError}: {http.Message}"
            : $"{exception.GetType().Name}: {exception.Message}";
}
