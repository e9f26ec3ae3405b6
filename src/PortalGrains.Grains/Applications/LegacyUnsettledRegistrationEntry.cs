using System.Globalization;

namespace PortalGrains.Grains.Applications;

/// <summary>
/// Reads an unsettled registration as applications stored it before provider links existed:
/// "{providerId}:{operationId}:{startedAt:O}".
/// </summary>
internal static class LegacyUnsettledRegistrationEntry
{
    // "O" of a DateTimeOffset is always 33 characters (yyyy-MM-ddTHH:mm:ss.fffffffzzz), so the entry is read from
    // its end: a provider id may contain ':' itself.
    private const int TimestampLength = 33;

    public static string Format(string providerId, string operationId, DateTimeOffset startedAt) =>
        $"{providerId}:{operationId}:{startedAt.ToString("O", CultureInfo.InvariantCulture)}";

    public static (string ProviderId, UnsettledRegistration Registration)? Parse(string entry)
    {
        if (entry.Length < TimestampLength + 4 || entry[^(TimestampLength + 1)] != ':'
            || !DateTimeOffset.TryParseExact(entry[^TimestampLength..], "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var startedAt))
        {
            return null;
        }

        var head = entry[..^(TimestampLength + 1)];
        var separator = head.LastIndexOf(':');
        return separator > 0 && separator < head.Length - 1
            ? (head[..separator], new UnsettledRegistration { OperationId = head[(separator + 1)..], StartedAt = startedAt })
            : null;
    }
}
