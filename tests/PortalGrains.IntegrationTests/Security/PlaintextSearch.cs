using System.Text;
using System.Text.RegularExpressions;

namespace PortalGrains.IntegrationTests.Security;

/// <summary>
/// Looks for a secret in stored bytes or text in every form it could sit there readable: UTF-8, UTF-16 (both byte
/// orders), JSON-escaped, and inside any base64 or base64url run (decoded at every alignment, so a secret within a
/// longer encoded value is found too).
/// </summary>
public static partial class PlaintextSearch
{
    /// <summary>How <paramref name="secret"/> appears in <paramref name="haystack"/>, or null when it does not.</summary>
    public static string? Find(byte[] haystack, string secret)
    {
        if (Contains(haystack, Encoding.UTF8.GetBytes(secret)))
        {
            return "UTF-8";
        }

        if (Contains(haystack, Encoding.Unicode.GetBytes(secret)))
        {
            return "UTF-16LE";
        }

        if (Contains(haystack, Encoding.BigEndianUnicode.GetBytes(secret)))
        {
            return "UTF-16BE";
        }

        if (Contains(haystack, Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(secret)[1..^1])))
        {
            return "JSON-escaped";
        }

        var text = Encoding.Latin1.GetString(haystack);
        foreach (Match run in Base64Run().Matches(text))
        {
            for (var skip = 0; skip < 4; skip++)
            {
                if (Decode(run.Value[skip..]) is { } decoded && (Contains(decoded, Encoding.UTF8.GetBytes(secret)) || Contains(decoded, Encoding.Unicode.GetBytes(secret))))
                {
                    return $"base64 ({run.Value[..Math.Min(run.Value.Length, 40)]}...)";
                }
            }
        }

        return null;
    }

    public static string? Find(string haystack, string secret) => Find(Encoding.UTF8.GetBytes(haystack), secret);

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    private static byte[]? Decode(string run)
    {
        var standard = run.Replace('-', '+').Replace('_', '/').TrimEnd('=');
        standard = standard[..(standard.Length - (standard.Length % 4 == 1 ? 1 : 0))];
        standard = standard.PadRight(standard.Length + ((4 - (standard.Length % 4)) % 4), '=');
        try
        {
            return Convert.FromBase64String(standard);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    [GeneratedRegex("[A-Za-z0-9+/_-]{16,}={0,2}")]
    private static partial Regex Base64Run();
}
