using System.Text.RegularExpressions;

namespace PortalGrains.IdentityProviders.Errors;

/// <summary>
/// Removes secrets from text that is about to be kept in an exception or a log line: the values the caller
/// knows to be secret, credential fields of JSON documents and credentials in HTTP authorization syntax.
/// </summary>
internal sealed partial class SecretScrubber
{
    public const string Mask = "***";

    private const int MinimumSecretLength = 4;

    private readonly string[] secrets;

    public SecretScrubber(IEnumerable<string?> knownSecrets)
    {
        secrets = knownSecrets
            .Where(secret => !string.IsNullOrEmpty(secret) && secret.Length >= MinimumSecretLength)
            .Select(secret => secret!)
            .Distinct(StringComparer.Ordinal)
            // longest first, so that a secret containing another one is masked whole
            .OrderByDescending(secret => secret.Length)
            .ToArray();
    }

    public static SecretScrubber None { get; } = new([]);

    public SecretScrubber With(params string?[] moreSecrets) => new(secrets.Concat(moreSecrets));

    public string? Scrub(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        foreach (var secret in secrets)
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        text = SecretJsonField().Replace(text, match => $"{match.Groups["name"].Value}\"{Mask}\"");
        return AuthorizationValue().Replace(text, match => $"{match.Groups["scheme"].Value} {Mask}");
    }

    public string? ScrubAndTruncate(string? text, int maxLength)
    {
        var scrubbed = Scrub(text);
        if (scrubbed is null || scrubbed.Length <= maxLength)
        {
            return scrubbed;
        }

        return string.Concat(scrubbed.AsSpan(0, maxLength), "…");
    }

    [GeneratedRegex(@"(?<name>""(?:client_secret|registration_access_token|access_token|refresh_token|id_token|initial_access_token|api_token|token)""\s*:\s*)""(?:[^""\\]|\\.)*""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretJsonField();

    [GeneratedRegex(@"(?<scheme>\b(?:Bearer|Basic|SSWS|DPoP))\s+[A-Za-z0-9\-._~+/=]{4,}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AuthorizationValue();
}
