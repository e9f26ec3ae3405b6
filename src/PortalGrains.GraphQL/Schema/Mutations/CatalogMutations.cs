using GraphQL;
using Microsoft.Extensions.DependencyInjection;
using PortalGrains.Abstractions.Catalog;
using PortalGrains.Abstractions.Common;
using PortalGrains.GraphQL.Execution;
using PortalGrains.GraphQL.Schema.Inputs;
using PortalGrains.GraphQL.Schema.Models;

namespace PortalGrains.GraphQL.Schema.Mutations;

/// <summary>Admin mutations on the catalogue; after a write this silo's catalogue copy is dropped so that it reads the change.</summary>
internal static class CatalogMutations
{
    public static async Task<MutationPayload<Product>> UpsertProductAsync(IResolveFieldContext context)
    {
        var portal = context.Portal();
        var admin = portal.RequireAdmin();
        var input = context.GetArgument<UpsertProductInput>("input");
        var validator = new InputValidator()
            .Id(input.Id, "id")
            .RequiredText(input.Name, InputLimits.MaxNameLength, "name")
            .Text(input.Description, InputLimits.MaxDescriptionLength, "description")
            .Id(input.ProviderId, "providerId")
            .Scopes(input.Scopes, "scopes")
            .Ids(input.ClientTypeIds, InputLimits.MaxClientTypeIds, "clientTypeIds")
            .Text(input.PolicyId, InputLimits.MaxPolicyIdLength, "policyId");
        if (validator.HasErrors)
        {
            return MutationPayload<Product>.Failure(validator.Errors);
        }

        var product = new ProductUpsert(
            input.Name,
            input.Description,
            input.Published,
            input.DcrEnabled,
            input.ProviderId,
            [.. input.Scopes],
            [.. input.ClientTypeIds],
            string.IsNullOrWhiteSpace(input.PolicyId) ? null : input.PolicyId);
        var result = await portal.Grains.GetGrain<ICatalogGrain>(ICatalogGrain.Key)
            .UpsertProductAsync(input.Id, product, admin.ToCaller(), portal.CancellationToken);
        if (result.Succeeded)
        {
            portal.Services.GetService<ICatalogReader>()?.Invalidate();
        }

        return MutationPayload<Product>.From(result);
    }

    public static async Task<MutationPayload<Plan>> UpsertPlanAsync(IResolveFieldContext context)
    {
        var portal = context.Portal();
        var admin = portal.RequireAdmin();
        var input = context.GetArgument<UpsertPlanInput>("input");
        var validator = new InputValidator()
            .Id(input.Id, "id")
            .RequiredText(input.Name, InputLimits.MaxNameLength, "name")
            .Text(input.Description, InputLimits.MaxDescriptionLength, "description")
            .Scopes(input.Scopes, "scopes")
            .Text(input.PolicyId, InputLimits.MaxPolicyIdLength, "policyId");
        if (input.RateLimit is { } rateLimit)
        {
            validator
                .Range(rateLimit.Requests, 1, int.MaxValue, "rateLimit", "requests")
                .Range(rateLimit.PerSeconds, 1, int.MaxValue, "rateLimit", "perSeconds");
        }

        if (input.Quota is { } quota)
        {
            validator
                .Range(quota.Requests, 1, int.MaxValue, "quota", "requests")
                .Range(quota.PeriodSeconds, 1, int.MaxValue, "quota", "periodSeconds");
        }

        if (validator.HasErrors)
        {
            return MutationPayload<Plan>.Failure(validator.Errors);
        }

        var plan = new PlanUpsert(
            input.Name,
            input.Description,
            [.. input.Scopes],
            input.AutoApprove,
            string.IsNullOrWhiteSpace(input.PolicyId) ? null : input.PolicyId,
            input.RateLimit is { } limit ? new RateLimit(limit.Requests, limit.PerSeconds) : null,
            input.Quota is { } q ? new Quota(q.Requests, q.PeriodSeconds) : null);
        var result = await portal.Grains.GetGrain<ICatalogGrain>(ICatalogGrain.Key)
            .UpsertPlanAsync(input.Id, plan, admin.ToCaller(), portal.CancellationToken);
        if (result.Succeeded)
        {
            portal.Services.GetService<ICatalogReader>()?.Invalidate();
        }

        return MutationPayload<Plan>.From(result);
    }
}
