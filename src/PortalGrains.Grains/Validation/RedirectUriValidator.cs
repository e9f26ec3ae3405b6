using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using PortalGrains.Abstractions.Common;

namespace PortalGrains.Grains.Validation;

/// <summary>
/// The portal's own redirect URI rules (RFC 9700 §2.1 and §4.1; RFC 8252 §7 and §8.3): identity providers such as
/// oidc-provider accept wildcards and plain http for web clients, so they are refused here before any registration.
/// </summary>
/// <remarks>
/// Accepted: <c>https</c> URIs with a host; <c>http</c> only on a loopback host (127.0.0.0/8, <c>[::1]</c>,
/// <c>localhost</c>) for native apps (RFC 8252 §7.3); private-use schemes of native apps (RFC 8252 §7.1) only when
/// the scheme contains a dot, i.e. is a reversed domain name such as <c>com.example.app:/callback</c>, which keeps
/// generic schemes (<c>ftp:</c>, <c>mailto:</c>, <c>ws:</c>, ...) out. Refused everywhere: fragments (RFC 6749
/// §3.1.2), user information, <c>*</c> anywhere, whitespace and control characters, and the active-content schemes
/// <c>javascript:</c>, <c>data:</c>, <c>file:</c> and <c>vbscript:</c>. Duplicates compare exactly, as identity
/// providers compare redirect URIs by simple string comparison (RFC 9700 §4.1.3).
/// </remarks>
public static class RedirectUriValidator
{
    private static readonly string[] DefaultField = ["input", "redirectUris"];

    private static readonly HashSet<string> RefusedSchemes = new(StringComparer.OrdinalIgnoreCase)
    {
        "javascript", "data", "file", "vbscript",
    };

    /// <summary>
    /// Validates a list of redirect URIs; each error's field is the list's path plus the index as a string, and its code
    /// <c>TOO_LONG</c> for a URI over <see cref="InputLimits.MaxUrlLength"/> (as the GraphQL layer says), <c>INVALID_REDIRECT_URI</c> otherwise.
    /// </summary>
    /// <param name="redirectUris">The URIs as given.</param>
    /// <param name="field">The input path of the list; <c>["input", "redirectUris"]</c> when not given.</param>
    public static ImmutableArray<UserError> Validate(IReadOnlyList<string> redirectUris, IReadOnlyList<string>? field = null)
    {
        var path = field ?? DefaultField;
        if (redirectUris.Count > InputLimits.MaxRedirectUris)
        {
            return [new UserError(UserErrorCodes.TooMany, $"At most {InputLimits.MaxRedirectUris} redirect URIs are allowed.", [.. path])];
        }

        var errors = ImmutableArray.CreateBuilder<UserError>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < redirectUris.Count; i++)
        {
            var value = redirectUris[i];
            var problem = Problem(value);
            if (problem is null && !seen.Add(value))
            {
                problem = "appears more than once.";
            }

            if (problem is not null)
            {
                errors.Add(new UserError(
                    value?.Length > InputLimits.MaxUrlLength ? UserErrorCodes.TooLong : UserErrorCodes.InvalidRedirectUri,
                    $"Redirect URI {i + 1} {problem}",
                    [.. path, i.ToString(System.Globalization.CultureInfo.InvariantCulture)]));
            }
        }

        return errors.ToImmutable();
    }

    /// <summary>Why one redirect URI is refused (a sentence fragment), or null when it is acceptable.</summary>
    public static string? Problem(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "is empty.";
        }

        if (value.Length > InputLimits.MaxUrlLength)
        {
            return $"is longer than {InputLimits.MaxUrlLength} characters.";
        }

        if (value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return "contains whitespace or control characters.";
        }

        if (value.Contains('*'))
        {
            return "contains a wildcard (*); register every redirect URI exactly.";
        }

        if (value.Contains('#'))
        {
            return "contains a fragment (#), which redirect URIs must not have.";
        }

        var colon = value.IndexOf(':');
        if (colon <= 0 || !IsSchemeSyntax(value.AsSpan(0, colon)))
        {
            return "is not an absolute URI.";
        }

        var scheme = value[..colon].ToLowerInvariant();
        if (RefusedSchemes.Contains(scheme))
        {
            return $"uses the {scheme}: scheme, which is not allowed.";
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri))
        {
            return "is not an absolute URI.";
        }

        if (HasUserInfo(value, uri))
        {
            return "contains user information (user@), which is not allowed.";
        }

        return scheme switch
        {
            "https" => string.IsNullOrEmpty(uri.Host) ? "has no host." : null,
            "http" => IsLoopbackHost(uri) ? null : "uses http on a host other than loopback; use https.",
            _ when scheme.Contains('.') => null,
            _ => $"uses the {scheme}: scheme; use https, http on loopback, or a private-use scheme that is a reversed domain name (such as com.example.app:/callback).",
        };
    }

    /// <summary>RFC 3986 §3.1: <c>ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )</c>.</summary>
    private static bool IsSchemeSyntax(ReadOnlySpan<char> scheme)
    {
        if (!char.IsAsciiLetter(scheme[0]))
        {
            return false;
        }

        foreach (var c in scheme)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool HasUserInfo(string value, Uri uri)
    {
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return true;
        }

        // "https://@host/" has an empty user information that Uri does not report.
        var authorityStart = value.IndexOf("//", StringComparison.Ordinal);
        if (authorityStart < 0)
        {
            return false;
        }

        var authority = value[(authorityStart + 2)..];
        var end = authority.IndexOfAny(['/', '?']);
        return (end < 0 ? authority : authority[..end]).Contains('@');
    }

    private static bool IsLoopbackHost(Uri uri)
    {
        if (string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (uri.HostNameType is not (UriHostNameType.IPv4 or UriHostNameType.IPv6)
            || !IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address))
        {
            return false;
        }

        return address.AddressFamily == AddressFamily.InterNetwork
            ? address.GetAddressBytes()[0] == 127
            : address.Equals(IPAddress.IPv6Loopback);
    }
}
