using System.Text.Json.Nodes;
using PortalGrains.Abstractions.Catalog;

namespace PortalGrains.Gateway;

/// <summary>
/// A plan's rate limit and quota as the windows of one Kong <c>rate-limiting</c> plugin (<c>second</c> to <c>year</c>).
/// Kong counts fixed windows only: a period that is not a window's length is counted in the longest window not
/// longer than it, with the number of requests scaled down to that window (rounded down, at least one), so the gateway
/// never allows more on average than the plan. A month is taken as 30 days and a year as 365. Kong refuses a longer
/// window with a lower limit than a shorter one, so a shorter window's limit is lowered to the longer one's, which
/// changes nothing a client can do.
/// </summary>
internal static class KongRateLimitWindows
{
    private static readonly (string Name, long Seconds)[] Windows =
    [
        ("second", 1), ("minute", 60), ("hour", 3_600), ("day", 86_400), ("month", 2_592_000), ("year", 31_536_000),
    ];

    /// <summary>The plugin's <c>config</c>: the windows, shortest first, counted per consumer; null when the plan has no limits.</summary>
    public static JsonObject? ConfigOf(RateLimit? rateLimit, Quota? quota)
    {
        if (rateLimit is null && quota is null)
        {
            return null;
        }

        var limits = new long?[Windows.Length];
        if (rateLimit is not null)
        {
            Add(limits, rateLimit.Requests, rateLimit.PerSeconds);
        }

        if (quota is not null)
        {
            Add(limits, quota.Requests, quota.PeriodSeconds);
        }

        long? cap = null;
        for (var i = Windows.Length - 1; i >= 0; i--)
        {
            if (limits[i] is { } limit)
            {
                cap = limits[i] = cap is { } longer ? Math.Min(limit, longer) : limit;
            }
        }

        var config = new JsonObject();
        for (var i = 0; i < Windows.Length; i++)
        {
            if (limits[i] is { } limit)
            {
                config[Windows[i].Name] = limit;
            }
        }

        config["limit_by"] = "consumer";
        return config;
    }

    private static void Add(long?[] limits, int requests, int periodSeconds)
    {
        var index = Math.Max(0, Array.FindLastIndex(Windows, w => w.Seconds <= periodSeconds));
        var windowSeconds = Windows[index].Seconds;
        var limit = windowSeconds == periodSeconds ? requests : Math.Max(1, requests * windowSeconds / Math.Max(1, periodSeconds));
        limits[index] = limits[index] is { } existing ? Math.Min(existing, limit) : limit;
    }
}
