using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace PortalGrains.IdentityProviders.Registration;

/// <summary>Reads the Link response header (RFC 8288), which paginated vendor APIs (Okta) use for the next page.</summary>
internal static partial class WebLinks
{
    /// <summary>The target of the first link with relation type "next", resolved against the request URI; null when there is none.</summary>
    public static Uri? NextPage(HttpResponseHeaders headers, Uri requestUri)
    {
        if (!headers.TryGetValues("Link", out var values))
        {
            return null;
        }

        foreach (var value in values)
        {
            foreach (Match link in LinkValue().Matches(value))
            {
                // RFC 8288 §3.3: rel is a space-separated list of relation types, compared case-insensitively
                var relations = link.Groups["rel"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (relations.Contains("next", StringComparer.OrdinalIgnoreCase)
                    && Uri.TryCreate(requestUri, link.Groups["target"].Value.Trim(), out var target))
                {
                    return target;
                }
            }
        }

        return null;
    }

    [GeneratedRegex(@"<(?<target>[^>]*)>(?:\s*;\s*(?:rel\s*=\s*(?:""(?<rel>[^""]*)""|(?<rel>[^;,\s]+))|[^;,]*))*", RegexOptions.CultureInvariant)]
    private static partial Regex LinkValue();
}
