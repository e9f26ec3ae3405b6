using System.Collections.Immutable;
using System.Globalization;
using PortalGrains.Abstractions.Catalog;
using PortalGrains.Abstractions.Common;
using PortalGrains.Abstractions.Providers;
using PortalGrains.Grains.Validation;

namespace PortalGrains.Grains.Catalog;

/// <summary>The rules for catalogue entries; field paths are those of the GraphQL inputs.</summary>
public static class CatalogValidation
{
    /// <summary>Ids that admins choose: URL-safe characters (RFC 3986 unreserved), so they fit any key or path.</summary>
    public static void ValidateId(string? id, List<UserError> errors)
    {
        if (id is null)
        {
            return;
        }

        if (id.Length > InputLimits.MaxIdLength)
        {
            errors.Add(UserError.For(UserErrorCodes.TooLong, $"An id has at most {InputLimits.MaxIdLength} characters.", "input", "id"));
        }
        else if (id.Length == 0 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~'))
        {
            errors.Add(UserError.For(UserErrorCodes.Invalid,
                $"An id has 1 to {InputLimits.MaxIdLength} characters among letters, digits, '-', '.', '_' and '~'.", "input", "id"));
        }
    }

    /// <summary>What can be checked without asking the provider.</summary>
    public static List<UserError> ValidateProduct(string? id, ProductUpsert product)
    {
        var errors = new List<UserError>();
        ValidateId(id, errors);
        TextRules.Required(product.Name, InputLimits.MaxNameLength, "The name", errors, "input", "name");
        TextRules.Optional(product.Description, InputLimits.MaxDescriptionLength, "The description", errors, "input", "description");
        ScopeTokenRules.Validate(OrEmpty(product.Scopes), errors, "input", "scopes");
        TextRules.Optional(product.PolicyId, InputLimits.MaxPolicyIdLength, "The policy id", errors, "input", "policyId");

        var clientTypeIds = OrEmpty(product.ClientTypeIds);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < clientTypeIds.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(clientTypeIds[i]) || !seen.Add(clientTypeIds[i]))
            {
                errors.Add(UserError.For(UserErrorCodes.Invalid, $"Client type {i + 1} is empty or appears more than once.",
                    "input", "clientTypeIds", Index(i)));
            }
        }

        var providerId = TextRules.Normalize(product.ProviderId);
        if (product.DcrEnabled && providerId is null)
        {
            errors.Add(UserError.For(UserErrorCodes.Required, "A product with dynamic client registration needs a provider.", "input", "providerId"));
        }
        else if (providerId is null && clientTypeIds.Length > 0)
        {
            errors.Add(UserError.For(UserErrorCodes.Required, "Client types belong to a provider: give the provider as well.", "input", "providerId"));
        }

        if (product.DcrEnabled && clientTypeIds.Length == 0)
        {
            errors.Add(UserError.For(UserErrorCodes.Required,
                "A product with dynamic client registration needs at least one client type.", "input", "clientTypeIds"));
        }

        return errors;
    }

    /// <summary>The provider must exist and offer every client type the product allows.</summary>
    public static void ValidateAgainstProvider(ProductUpsert product, ProviderView? provider, List<UserError> errors)
    {
        if (provider is null)
        {
            errors.Add(UserError.For(UserErrorCodes.NotFound, "No provider has this id.", "input", "providerId"));
            return;
        }

        var clientTypeIds = OrEmpty(product.ClientTypeIds);
        for (var i = 0; i < clientTypeIds.Length; i++)
        {
            if (!string.IsNullOrWhiteSpace(clientTypeIds[i]) && provider.FindClientType(clientTypeIds[i]) is null)
            {
                errors.Add(UserError.For(UserErrorCodes.InvalidClientType,
                    $"The provider offers no client type '{clientTypeIds[i]}'.", "input", "clientTypeIds", Index(i)));
            }
        }
    }

    public static List<UserError> ValidatePlan(string? id, PlanUpsert plan)
    {
        var errors = new List<UserError>();
        ValidateId(id, errors);
        TextRules.Required(plan.Name, InputLimits.MaxNameLength, "The name", errors, "input", "name");
        TextRules.Optional(plan.Description, InputLimits.MaxDescriptionLength, "The description", errors, "input", "description");
        ScopeTokenRules.Validate(OrEmpty(plan.Scopes), errors, "input", "scopes");
        TextRules.Optional(plan.PolicyId, InputLimits.MaxPolicyIdLength, "The policy id", errors, "input", "policyId");
        if (plan.RateLimit is { } rateLimit)
        {
            Positive(rateLimit.Requests, "The rate limit's number of requests", errors, "input", "rateLimit", "requests");
            Positive(rateLimit.PerSeconds, "The rate limit's period", errors, "input", "rateLimit", "perSeconds");
        }

        if (plan.Quota is { } quota)
        {
            Positive(quota.Requests, "The quota's number of requests", errors, "input", "quota", "requests");
            Positive(quota.PeriodSeconds, "The quota's period", errors, "input", "quota", "periodSeconds");
        }

        return errors;
    }

    public static ImmutableArray<string> OrEmpty(ImmutableArray<string> values) => values.IsDefault ? [] : values;

    private static void Positive(int value, string what, List<UserError> errors, params string[] field)
    {
        if (value <= 0)
        {
            errors.Add(UserError.For(UserErrorCodes.Invalid, $"{what} must be positive.", field));
        }
    }

    private static string Index(int i) => i.ToString(CultureInfo.InvariantCulture);
}
