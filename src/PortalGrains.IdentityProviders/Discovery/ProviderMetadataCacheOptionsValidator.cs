using Microsoft.Extensions.Options;

namespace PortalGrains.IdentityProviders.Discovery;

internal sealed class ProviderMetadataCacheOptionsValidator : IValidateOptions<ProviderMetadataCacheOptions>
{
    public ValidateOptionsResult Validate(string? name, ProviderMetadataCacheOptions options)
    {
        var problems = options.Validate();
        return problems.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(problems.Select(p => $"{ProviderMetadataCacheOptions.SectionName}: {p}"));
    }
}
