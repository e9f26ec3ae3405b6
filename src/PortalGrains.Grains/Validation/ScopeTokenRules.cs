using System.Globalization;
using PortalGrains.Abstractions.Common;

namespace PortalGrains.Grains.Validation;

/// <summary>OAuth scope values as RFC 6749 §3.3 defines them: <c>scope-token = 1*( %x21 / %x23-5B / %x5D-7E )</c>.</summary>
public static class ScopeTokenRules
{
    public static bool IsScopeToken(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!(c == '\x21' || (c >= '\x23' && c <= '\x5B') || (c >= '\x5D' && c <= '\x7E')))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A non-empty list of at most <see cref="InputLimits.MaxScopes"/> distinct scope tokens of at most <see cref="InputLimits.MaxScopeLength"/>
    /// characters each; errors are reported on <c>[..field]</c> for the list and <c>[..field, index]</c> for one token.
    /// </summary>
    public static void Validate(IReadOnlyList<string> scopes, List<UserError> errors, params string[] field)
    {
        if (scopes.Count == 0)
        {
            errors.Add(UserError.For(UserErrorCodes.Required, "At least one scope is required.", field));
            return;
        }

        if (scopes.Count > InputLimits.MaxScopes)
        {
            errors.Add(UserError.For(UserErrorCodes.TooMany, $"At most {InputLimits.MaxScopes} scopes are allowed.", field));
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < scopes.Count; i++)
        {
            var scope = scopes[i];
            string[] itemField = [.. field, i.ToString(CultureInfo.InvariantCulture)];
            if (!IsScopeToken(scope))
            {
                errors.Add(UserError.For(UserErrorCodes.Invalid,
                    $"Scope {i + 1} is not a valid scope token (printable ASCII without spaces, '\"' or '\\').", itemField));
            }
            else if (scope.Length > InputLimits.MaxScopeLength)
            {
                errors.Add(UserError.For(UserErrorCodes.TooLong, $"Scope {i + 1} is longer than {InputLimits.MaxScopeLength} characters.", itemField));
            }
            else if (!seen.Add(scope))
            {
                errors.Add(UserError.For(UserErrorCodes.Invalid, $"Scope {i + 1} ({scope}) appears more than once.", itemField));
            }
        }
    }
}
