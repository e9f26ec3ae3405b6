using System.Globalization;
using System.Security.Claims;

namespace PortalGrains.GraphQL.Subscriptions;

/// <summary>When a validated login token expires (its <c>exp</c> claim): a live connection ends then.</summary>
public static class LoginTokenExpiry
{
    public static DateTimeOffset? Of(ClaimsPrincipal principal) =>
        principal.FindFirst("exp")?.Value is { } exp && long.TryParse(exp, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    /// <summary>How long until <paramref name="expiry"/>, at least zero and at most what a timer can wait.</summary>
    public static TimeSpan Remaining(DateTimeOffset? expiry, TimeProvider clock)
    {
        if (expiry is null)
        {
            return Timeout.InfiniteTimeSpan;
        }

        var remaining = expiry.Value - clock.GetUtcNow();
        return remaining <= TimeSpan.Zero ? TimeSpan.Zero : TimeSpan.FromMilliseconds(Math.Min(remaining.TotalMilliseconds, int.MaxValue - 1));
    }
}
