using PortalGrains.Abstractions.Applications;
using PortalGrains.Abstractions.Common;

namespace PortalGrains.Grains.Validation;

/// <summary>
/// An application's key settings: the JWK Set URL is absolute https (the identity provider fetches it, and keys over
/// plain http could be replaced in transit), without credentials or fragment; the subject DN is one line of text.
/// Empty values mean "remove".
/// </summary>
public static class ClientKeyRules
{
    public static void Validate(ClientKeys keys, List<UserError> errors)
    {
        if (TextRules.Normalize(keys.JwksUri) is { } jwksUri && JwksUriProblem(jwksUri) is { } problem)
        {
            errors.Add(UserError.For(UserErrorCodes.InvalidUrl, "jwksUri " + problem, "input", "jwksUri"));
        }

        if (TextRules.Normalize(keys.TlsClientAuthSubjectDn) is { } subjectDn
            && (subjectDn.Length > InputLimits.MaxDescriptionLength || subjectDn.Any(char.IsControl)))
        {
            errors.Add(UserError.For(UserErrorCodes.Invalid,
                $"tlsClientAuthSubjectDn is one line of at most {InputLimits.MaxDescriptionLength} characters (an RFC 4514 DN such as CN=app,O=Example).",
                "input", "tlsClientAuthSubjectDn"));
        }
    }

    private static string? JwksUriProblem(string value) =>
        value.Length > InputLimits.MaxUrlLength
            ? $"is at most {InputLimits.MaxUrlLength} characters."
            : !Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps
                ? "must be an absolute https URL."
                : !string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Fragment)
                    ? "must not contain user information or a fragment."
                    : null;
}
