using System.Buffers.Text;
using System.Globalization;
using System.Text;
using PortalGrains.Abstractions.Common;

namespace PortalGrains.Abstractions.Audit;

/// <summary>
/// The order of the audit log: a key that sorts newest first as plain text (inverted ticks, 19 digits, then the
/// entry's id), and the opaque cursor that carries it (base64url of the key).
/// </summary>
public static class AuditOrder
{
    private const int TicksDigits = 19;

    public static string InvertedTicks(DateTimeOffset at) =>
        (DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);

    public static string KeyOf(AuditEntry entry) => InvertedTicks(entry.At) + "-" + entry.Id;

    public static string Cursor(AuditEntry entry) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(KeyOf(entry)));

    /// <summary>The order key a cursor carries; throws <see cref="ArgumentException"/> for anything else.</summary>
    public static string KeyOfCursor(string cursor)
    {
        if (cursor.Length <= InputLimits.MaxCursorLength)
        {
            try
            {
                var key = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
                if (key.Length > TicksDigits + 1 && key[TicksDigits] == '-'
                    && long.TryParse(key.AsSpan(0, TicksDigits), NumberStyles.None, CultureInfo.InvariantCulture, out var inverted)
                    && inverted <= DateTimeOffset.MaxValue.UtcTicks)
                {
                    return key;
                }
            }
            catch (FormatException)
            {
            }
        }

        throw new ArgumentException("Not a cursor of the audit log.", nameof(cursor));
    }
}
