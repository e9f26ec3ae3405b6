using PortalGrains.Abstractions.Common;

namespace PortalGrains.GraphQL.Execution;

/// <summary>
/// Shape checks on mutation inputs that come before any grain call: ids, lengths and counts. Business rules stay
/// with the grains. Each failure is a <see cref="UserError"/> whose field is the path from the mutation's argument
/// (<c>["input", "name"]</c>), as the grains report theirs.
/// </summary>
internal sealed class InputValidator
{
    public const string InputArgument = "input";

    private readonly List<UserError> _errors = [];

    public IReadOnlyList<UserError> Errors => _errors;

    public bool HasErrors => _errors.Count > 0;

    /// <summary>An id (also a grain key): 1 to <see cref="InputLimits.MaxIdLength"/> characters, none of them a control character, '/', '\', '#' or '?'.</summary>
    public InputValidator Id(string? value, params string[] field)
    {
        if (value is null)
        {
            return this;
        }

        if (value.Length == 0 || string.IsNullOrWhiteSpace(value))
        {
            return Add(UserErrorCodes.Required, "An id must not be empty.", field);
        }

        if (value.Length > InputLimits.MaxIdLength)
        {
            return Add(UserErrorCodes.TooLong, $"An id has at most {InputLimits.MaxIdLength} characters.", field);
        }

        if (value.Any(ch => char.IsControl(ch) || ch is '/' or '\\' or '#' or '?'))
        {
            return Add(UserErrorCodes.Invalid, "An id must not contain control characters, '/', '\\', '#' or '?'.", field);
        }

        return this;
    }

    public InputValidator RequiredText(string? value, int maxLength, params string[] field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Add(UserErrorCodes.Required, $"{Describe(field)} is required.", field);
        }

        return Text(value, maxLength, field);
    }

    public InputValidator Text(string? value, int maxLength, params string[] field)
    {
        if (value is not null && value.Length > maxLength)
        {
            return Add(UserErrorCodes.TooLong, $"{Describe(field)} has at most {maxLength} characters.", field);
        }

        return this;
    }

    public InputValidator Texts(IReadOnlyList<string>? values, int maxCount, int maxLength, params string[] field)
    {
        if (values is null)
        {
            return this;
        }

        if (values.Count > maxCount)
        {
            return Add(UserErrorCodes.TooMany, $"{Describe(field)} has at most {maxCount} entries.", field);
        }

        for (var i = 0; i < values.Count; i++)
        {
            Text(values[i], maxLength, [.. field, i.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }

        return this;
    }

    public InputValidator Ids(IReadOnlyList<string>? values, int maxCount, params string[] field)
    {
        if (values is null)
        {
            return this;
        }

        if (values.Count > maxCount)
        {
            return Add(UserErrorCodes.TooMany, $"{Describe(field)} has at most {maxCount} entries.", field);
        }

        for (var i = 0; i < values.Count; i++)
        {
            Id(values[i], [.. field, i.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }

        return this;
    }

    /// <summary>Scope values: RFC 6749 §3.3 scope-token characters (%x21 / %x23-5B / %x5D-7E), no spaces.</summary>
    public InputValidator Scopes(IReadOnlyList<string>? values, params string[] field)
    {
        Texts(values, InputLimits.MaxScopes, InputLimits.MaxScopeLength, field);
        if (values is null)
        {
            return this;
        }

        for (var i = 0; i < values.Count; i++)
        {
            var scope = values[i];
            if (scope.Length == 0 || scope.Any(ch => ch < 0x21 || ch == 0x22 || ch == 0x5C || ch > 0x7E))
            {
                Add(UserErrorCodes.Invalid, $"'{Truncate(scope)}' is not a scope value: use printable ASCII without spaces, '\"' or '\\' (RFC 6749 §3.3).",
                    [.. field, i.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            }
        }

        return this;
    }

    public InputValidator Range(int value, int min, int max, params string[] field)
    {
        if (value < min || value > max)
        {
            return Add(UserErrorCodes.Invalid, $"{Describe(field)} must be between {min} and {max}.", field);
        }

        return this;
    }

    public InputValidator Add(string code, string message, params string[] field)
    {
        _errors.Add(new UserError(code, message, [InputArgument, .. field]));
        return this;
    }

    private static string Describe(string[] field) => field.Length == 0 ? "The value" : string.Join('.', field);

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
