using System.Globalization;

namespace PortalGrains.Grains.Applications;

/// <summary>
/// A registration whose outcome was lost, as kept in <see cref="ApplicationState.UnsettledRegistrations"/>:
/// "{providerId}:{operationId}:{startedAt:O}".
/// </summary>
internal sealed record UnsettledRegistration(string Entry, string ProviderId, string OperationId, DateTimeOffset StartedAt)
{
    // "O" of a DateTimeOffset is always 33 characters (yyyy-MM-ddTHH:mm:ss.fffffffzzz), so the entry is read from
    // its end: a provider id may contain ':' itself.
    private const int TimestampLength = 33;

    public static string Format(string providerId, string operationId, DateTimeOffset startedAt) =>
        $"{providerId}:{operationId}:{startedAt.ToString("O", CultureInfo.InvariantCulture)}";

    public static UnsettledRegistration? Parse(string entry)
    {
        if (entry.Length < TimestampLength + 4 || entry[^(TimestampLength + 1)] != ':'
            || !DateTimeOffset.TryParseExact(entry[^TimestampLength..], "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var startedAt))
        {
            return null;
        }

        var head = entry[..^(TimestampLength + 1)];
        var separator = head.LastIndexOf(':');
        return separator > 0 && separator < head.Length - 1
            ? new UnsettledRegistration(entry, head[..separator], head[(separator + 1)..], startedAt)
            : null;
    }

    public static IEnumerable<UnsettledRegistration> ParseAll(IEnumerable<string> entries) =>
        entries.Select(Parse).OfType<UnsettledRegistration>();

    public override string ToString() => $"operation {OperationId} at {StartedAt:O}";
}
