using PortalGrains.Abstractions.Common;

namespace PortalGrains.Grains.Validation;

/// <summary>Checks and normalisation of free-text input fields.</summary>
public static class TextRules
{
    /// <summary>Trims; blank becomes null.</summary>
    public static string? Normalize(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>A required text of at most <paramref name="maxLength"/> characters (after trimming).</summary>
    public static void Required(string? value, int maxLength, string what, List<UserError> errors, params string[] field)
    {
        var text = Normalize(value);
        if (text is null)
        {
            errors.Add(UserError.For(UserErrorCodes.Required, $"{what} is required.", field));
        }
        else if (text.Length > maxLength)
        {
            errors.Add(UserError.For(UserErrorCodes.TooLong, $"{what} is longer than {maxLength} characters.", field));
        }
    }

    /// <summary>An optional text of at most <paramref name="maxLength"/> characters (after trimming).</summary>
    public static void Optional(string? value, int maxLength, string what, List<UserError> errors, params string[] field)
    {
        if (Normalize(value) is { Length: var length } && length > maxLength)
        {
            errors.Add(UserError.For(UserErrorCodes.TooLong, $"{what} is longer than {maxLength} characters.", field));
        }
    }
}
