using Microsoft.Extensions.Options;

namespace PortalGrains.Configuration;

/// <summary>Reports the problems of <typeparamref name="TOptions"/>, each prefixed with its configuration section.</summary>
public sealed class ProblemReportingOptionsValidator<TOptions>(string sectionName) : IValidateOptions<TOptions>
    where TOptions : class, IProblemReportingOptions
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        return problems.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(problems.Select(p => $"{sectionName}: {p}"));
    }
}
