using System.Globalization;
using System.Net.Http.Headers;

namespace PortalGrains.IdentityProviders.Errors;

/// <summary>
/// When an identity provider said to come back: Retry-After (RFC 9110 §10.2.3), else the rate-limit reset time of
/// Okta (X-Rate-Limit-Reset, developer.okta.com/docs/reference/rl-best-practices) or Auth0 (X-RateLimit-Reset,
/// auth0.com/docs/troubleshoot/customer-support/operational-policies/rate-limit-policy), both in epoch seconds.
/// </summary>
internal static class RetryAfterHeader
{
    public static TimeSpan? Read(HttpResponseMessage? response, TimeProvider timeProvider) =>
        response is null ? null : Read(response.Headers, timeProvider);

    public static TimeSpan? Read(HttpResponseHeaders headers, TimeProvider timeProvider)
    {
        var now = timeProvider.GetUtcNow();
        if (headers.RetryAfter is { } retryAfter)
        {
            if (retryAfter.Delta is { } delta)
            {
                return delta;
            }

            if (retryAfter.Date is { } date)
            {
                return NotNegative(date - now);
            }
        }

        foreach (var name in new[] { "X-Rate-Limit-Reset", "X-RateLimit-Reset" })
        {
            if (headers.TryGetValues(name, out var values)
                && long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var epoch))
            {
                return NotNegative(DateTimeOffset.FromUnixTimeSeconds(epoch) - now);
            }
        }

        return null;
    }

    private static TimeSpan NotNegative(TimeSpan value) => value < TimeSpan.Zero ? TimeSpan.Zero : value;
}
