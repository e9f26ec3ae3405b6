using Microsoft.Extensions.Options;

namespace PortalGrains.IdentityProviders.Http;

internal sealed class IdentityProviderHttpOptionsValidator : IValidateOptions<IdentityProviderHttpOptions>
{
    public ValidateOptionsResult Validate(string? name, IdentityProviderHttpOptions options)
    {
        var problems = options.Validate();
        return problems.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(problems.Select(p => $"{IdentityProviderHttpOptions.SectionName}: {p}"));
    }
}
