using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace PortalGrains.IdentityProviders.Http;

/// <summary>
/// Builds one provider's pipeline: total timeout, retry (exponential backoff with jitter, Retry-After
/// honoured up to a cap), circuit breaker, attempt timeout. Each provider gets its own instance, so one
/// failing IdP opens only its own circuit.
/// </summary>
internal static class IdentityProviderResiliencePipeline
{
    public static ResiliencePipeline<HttpResponseMessage> Build(
        string providerId,
        IdentityProviderHttpOptions options,
        TimeProvider timeProvider,
        ILogger logger,
        IdentityProviderHttpMetrics metrics)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>
        {
            Name = "identity-provider",
            InstanceName = providerId,
            TimeProvider = timeProvider,
        };

        builder.AddTimeout(new TimeoutStrategyOptions { Name = "total", Timeout = options.TotalTimeout });

        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                Name = "retry",
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.RetryMaxDelay,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context.GetRequestMessage())),
                DelayGenerator = args => ValueTask.FromResult(GetServerDelay(args.Outcome, options, timeProvider)),
                OnRetry = args =>
                {
                    var request = args.Context.GetRequestMessage();
                    metrics.RecordRetry(providerId, request?.Method);
                    IdentityProviderHttpLog.RetryScheduled(
                        logger, providerId, request?.Method.Method, request?.RequestUri?.Authority,
                        request?.RequestUri?.AbsolutePath, Describe(args.Outcome), args.AttemptNumber + 1, args.RetryDelay);
                    return default;
                },
            });
        }

        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
        {
            Name = "circuit-breaker",
            FailureRatio = options.BreakerFailureRatio,
            SamplingDuration = options.BreakerSamplingDuration,
            MinimumThroughput = options.BreakerMinimumThroughput,
            BreakDuration = options.BreakerBreakDuration,
            ShouldHandle = args => ValueTask.FromResult(IsProviderFailure(args.Outcome)),
            OnOpened = args =>
            {
                metrics.RecordCircuitOpened(providerId);
                IdentityProviderHttpLog.CircuitOpened(logger, providerId, args.BreakDuration, Describe(args.Outcome));
                return default;
            },
            OnHalfOpened = _ =>
            {
                IdentityProviderHttpLog.CircuitHalfOpened(logger, providerId);
                return default;
            },
            OnClosed = _ =>
            {
                IdentityProviderHttpLog.CircuitClosed(logger, providerId);
                return default;
            },
        });

        builder.AddTimeout(new TimeoutStrategyOptions
        {
            Name = "attempt",
            // A request that is never resent after it was sent gains nothing from a short attempt: cut off, it is not
            // retried but ends Uncertain (a registration whose client exists at the IdP, unknown to the portal). It
            // gets the whole call's time instead; connecting is still bounded by the attempt timeout (ConnectTimeout).
            TimeoutGenerator = args => ValueTask.FromResult(
                IdentityProviderRequestMarkers.IsIdempotent(args.Context.GetRequestMessage()) ? options.AttemptTimeout : options.TotalTimeout),
        });
        return builder.Build();
    }

    /// <summary>
    /// Idempotent methods (RFC 9110 §9.2.2) are retried on any transient failure. Other methods (a registration
    /// POST) and requests marked <see cref="IdentityProviderRequestMarkers.NotIdempotent"/> only when the IdP cannot
    /// have acted: the connection was never made, or it answered 503 or 429.
    /// </summary>
    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, HttpRequestMessage? request)
    {
        if (outcome.Exception is { } exception)
        {
            if (IdentityProviderRequestFailureClassifier.FindRefusal(exception) is not null || exception is BrokenCircuitException)
            {
                return false;
            }

            if (IdentityProviderRequestFailureClassifier.IsConnectFailure(exception))
            {
                return true;
            }

            return IdentityProviderRequestMarkers.IsIdempotent(request)
                && exception is TimeoutRejectedException
                    or HttpRequestException { HttpRequestError: not HttpRequestError.SecureConnectionError };
        }

        if (outcome.Result is not { } response)
        {
            return false;
        }

        var status = response.StatusCode;
        if (status is HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests)
        {
            return true;
        }

        return IdentityProviderRequestMarkers.IsIdempotent(request) && (status == HttpStatusCode.RequestTimeout || (int)status >= 500);
    }

    /// <summary>What counts against a provider's circuit: server errors, throttling, timeouts, broken connections.</summary>
    internal static bool IsProviderFailure(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception switch
        {
            null => outcome.Result is { } response
                && ((int)response.StatusCode >= 500
                    || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests),
            TimeoutRejectedException => true,
            HttpRequestException http => IdentityProviderRequestFailureClassifier.FindRefusal(http) is null,
            _ => false,
        };

    private static TimeSpan? GetServerDelay(
        Outcome<HttpResponseMessage> outcome, IdentityProviderHttpOptions options, TimeProvider timeProvider)
    {
        if (outcome.Result is not { } response
            || IdentityProviderRequestFailureClassifier.GetRetryAfter(response, timeProvider) is not { } retryAfter)
        {
            return null;
        }

        return retryAfter > options.MaxRetryAfter ? options.MaxRetryAfter : retryAfter;
    }

    private static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is { } exception
            ? exception is HttpRequestException http
                ? $"{http.HttpRequestError}: {http.Message}"
                : exception.GetType().Name
            : $"HTTP {((int?)outcome.Result?.StatusCode)?.ToString(CultureInfo.InvariantCulture)}";
}
