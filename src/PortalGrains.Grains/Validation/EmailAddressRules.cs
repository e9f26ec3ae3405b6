using PortalGrains.Abstractions.Common;

namespace PortalGrains.Grains.Validation;

/// <summary>
/// A deliberately simple e-mail address check: one <c>@</c> with text on both sides, a dot in the domain, no
/// whitespace, at most <see cref="InputLimits.MaxEmailLength"/> characters.
/// Whether the address works is only known by sending to it.
/// </summary>
public static class EmailAddressRules
{
    public static bool IsPlausible(string value)
    {
        if (value.Length > InputLimits.MaxEmailLength || value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return false;
        }

        var at = value.IndexOf('@');
        if (at <= 0 || at != value.LastIndexOf('@') || at == value.Length - 1)
        {
            return false;
        }

        var domain = value[(at + 1)..];
        return domain.Contains('.') && !domain.StartsWith('.') && !domain.EndsWith('.') && !domain.Contains("..", StringComparison.Ordinal);
    }
}
