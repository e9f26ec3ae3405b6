using Microsoft.Extensions.Options;

namespace PortalGrains.Grains.Applications;

public sealed class ProvisioningOptionsValidator : IValidateOptions<ProvisioningOptions>
{
    public ValidateOptionsResult Validate(string? name, ProvisioningOptions options)
    {
        var problems = options.Validate();
        return problems.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(problems.Select(p => $"{ProvisioningOptions.SectionName}: {p}"));
    }
}
