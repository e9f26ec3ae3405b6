using System.Buffers.Text;
using System.Globalization;
using System.Text;
using PortalGrains.Abstractions.Common;

namespace PortalGrains.Grains.AccessRequests;

/// <summary>
/// The opaque paging cursor of the access request indexes: base64url of "created-at ticks:id". It names a position
/// in the order rather than an entry, so paging goes on correctly after that entry left the index.
/// </summary>
public static class AccessRequestCursor
{
    public static string Encode(AccessRequestIndexEntry entry) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
            entry.CreatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture) + ":" + entry.Id));

    public static bool TryDecode(string? cursor, out AccessRequestIndexEntry position)
    {
        position = null!;
        if (string.IsNullOrEmpty(cursor) || cursor.Length > InputLimits.MaxCursorLength)
        {
            return false;
        }

        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (FormatException)
        {
            return false;
        }

        var colon = text.IndexOf(':');
        if (colon <= 0 || colon == text.Length - 1
            || !long.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return false;
        }

        position = new AccessRequestIndexEntry(text[(colon + 1)..], new DateTimeOffset(ticks, TimeSpan.Zero));
        return true;
    }
}
