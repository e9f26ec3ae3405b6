using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Orleans.Runtime;

namespace PortalGrains.Persistence.AzureTables;

/// <summary>
/// Maps grain ids and state names to PartitionKey and RowKey values the Table service accepts, injectively.
/// </summary>
/// <remarks>
/// Forbidden in keys: '/', '\', '#', '?', U+0000-U+001F and U+007F-U+009F; a key holds at most 1 KiB
/// (learn.microsoft.com/rest/api/storageservices/understanding-the-table-service-data-model,
/// "Characters disallowed in key fields"). Each such character, the escape character '~' itself and a few
/// characters that are legal but troublesome in request URLs ('%', '\'') become "~" + four hex digits of the
/// UTF-16 code unit, so an escaped value contains '~' only followed by four hex digits. Parts are joined
/// with "~.", which never occurs inside an escaped part. A key longer than 512 UTF-16 code units (1 KiB)
/// keeps a prefix and ends with "~~" and the SHA-256 of the whole escaped key; "~~" never occurs in an
/// unshortened key, so shortened and unshortened keys cannot meet.
/// </remarks>
internal static class AzureTableKeys
{
    public const int MaxKeyLength = 512;
    private const char EscapeChar = '~';
    private const string PartSeparator = "~.";
    private const string DigestMarker = "~~";
    private const int DigestLength = 64;

    public static string PartitionKey(string serviceId, GrainId grainId) =>
        Shorten(string.Concat(
            Escape(serviceId), PartSeparator,
            Escape(grainId.Type.ToString() ?? string.Empty), PartSeparator,
            Escape(grainId.Key.ToString() ?? string.Empty)));

    public static string RowKey(string stateName) =>
        Shorten(stateName.Length == 0 ? PartSeparator : Escape(stateName));

    public static string Escape(string value)
    {
        var firstToEscape = IndexOfCharToEscape(value);
        if (firstToEscape < 0)
        {
            return value;
        }

        var builder = new StringBuilder(value.Length + 16);
        builder.Append(value, 0, firstToEscape);
        for (var i = firstToEscape; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                builder.Append(c).Append(value[i + 1]);
                i++;
            }
            else if (MustEscape(c))
            {
                builder.Append(EscapeChar).Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static int IndexOfCharToEscape(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (MustEscape(c))
            {
                return i;
            }
        }

        return -1;
    }

    // Surrogates reaching this test are unpaired: they cannot be stored as UTF-8 text.
    private static bool MustEscape(char c) =>
        c is '/' or '\\' or '#' or '?' or EscapeChar or '%' or '\''
        || c <= '\u001F'
        || c is >= '\u007F' and <= '\u009F'
        || char.IsSurrogate(c)
        || c is '\uFFFE' or '\uFFFF';

    private static string Shorten(string key)
    {
        if (key.Length <= MaxKeyLength)
        {
            return key;
        }

        var digest = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        var prefixLength = MaxKeyLength - DigestMarker.Length - DigestLength;
        if (char.IsHighSurrogate(key[prefixLength - 1]))
        {
            prefixLength--;
        }

        return string.Concat(key.AsSpan(0, prefixLength), DigestMarker, digest);
    }
}
