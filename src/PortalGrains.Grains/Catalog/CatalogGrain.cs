using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Serialization.Invocation;
using PortalGrains.Abstractions.Catalog;
using PortalGrains.Abstractions.Common;
using PortalGrains.Abstractions.Providers;
using PortalGrains.Grains.Audit;
using PortalGrains.Grains.Persistence;
using PortalGrains.Grains.Validation;

namespace PortalGrains.Grains.Catalog;

/// <summary>
/// The catalogue's single writer. Reads (<see cref="GetSnapshotAsync"/>, <see cref="GetVersionAsync"/>,
/// <see cref="IsProviderInUseAsync"/>) interleave with a write in progress and answer from the last stored
/// snapshot: they never see a change that is not stored yet, silos polling the version are not held up by a slow
/// write, and a provider grain that asks whether it is in use while this grain awaits that provider does not
/// deadlock.
/// </summary>
[MayInterleave(nameof(MayInterleave))]
public sealed class CatalogGrain(
    [PersistentState("catalog")] IPersistentState<CatalogState> state,
    TimeProvider clock,
    AuditRecorder audit,
    ILogger<CatalogGrain> logger) : Grain, ICatalogGrain
{
    /// <summary>Providers named by an upsert that is validating or writing: they count as in use until it is done.</summary>
    private readonly Dictionary<string, int> _providersBeingReferenced = new(StringComparer.Ordinal);

    private CatalogSnapshot _stored = CatalogSnapshot.Empty;

    public static bool MayInterleave(IInvokable request) =>
        request.GetInterfaceType() == typeof(ICatalogGrain)
        && request.GetMethod()?.Name is nameof(GetSnapshotAsync) or nameof(GetVersionAsync) or nameof(IsProviderInUseAsync);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _stored = SnapshotOfState();
        return Task.CompletedTask;
    }

    public Task<CatalogSnapshot> GetSnapshotAsync(CancellationToken cancellationToken = default) => Task.FromResult(_stored);

    public Task<long> GetVersionAsync(CancellationToken cancellationToken = default) => Task.FromResult(_stored.Version);

    public Task<bool> IsProviderInUseAsync(string providerId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_providersBeingReferenced.ContainsKey(providerId)
            || _stored.Products.Any(p => string.Equals(p.ProviderId, providerId, StringComparison.Ordinal)));

    public async Task<CommandResult<Product>> UpsertProductAsync(string? id, ProductUpsert product, Caller caller, CancellationToken cancellationToken = default)
    {
        if (!caller.IsAdmin)
        {
            return CommandResult<Product>.Failure(Forbidden());
        }

        var errors = CatalogValidation.ValidateProduct(id, product);
        var providerId = TextRules.Normalize(product.ProviderId);
        // Held from before the provider is asked until the product is stored, so that a provider deleted meanwhile
        // either is refused (in use) or has gone before it answers (and then this upsert fails as NOT_FOUND).
        Hold(providerId);
        try
        {
            if (providerId is not null)
            {
                var provider = await GrainFactory.GetGrain<IProviderGrain>(providerId).GetAsync(cancellationToken);
                CatalogValidation.ValidateAgainstProvider(product, provider, errors);
            }

            if (errors.Count > 0)
            {
                return CommandResult<Product>.Failure(errors);
            }

            var productId = id ?? NewId();
            Product saved = null!;
            var written = await state.UpdateAsync(this, s =>
            {
                var candidate = new Product(
                    productId,
                    product.Name.Trim(),
                    TextRules.Normalize(product.Description),
                    product.Published,
                    product.DcrEnabled,
                    providerId,
                    CatalogValidation.OrEmpty(product.Scopes),
                    [.. CatalogValidation.OrEmpty(product.ClientTypeIds)],
                    TextRules.Normalize(product.PolicyId),
                    clock.GetUtcNow());
                return Put(s, s.Products, candidate, p => p.Id, SameContent, out saved);
            }, cancellationToken);

            if (written)
            {
                _stored = SnapshotOfState();
                await audit.RecordAsync(caller.Id, "product.upsert", AuditSubjects.Product, productId, saved.Name, cancellationToken);
                CatalogLog.ProductSaved(logger, productId, caller.Id, _stored.Version);
            }

            return CommandResult<Product>.Success(saved);
        }
        finally
        {
            Release(providerId);
        }
    }

    public async Task<CommandResult<Plan>> UpsertPlanAsync(string? id, PlanUpsert plan, Caller caller, CancellationToken cancellationToken = default)
    {
        if (!caller.IsAdmin)
        {
            return CommandResult<Plan>.Failure(Forbidden());
        }

        var errors = CatalogValidation.ValidatePlan(id, plan);
        if (errors.Count > 0)
        {
            return CommandResult<Plan>.Failure(errors);
        }

        var planId = id ?? NewId();
        Plan saved = null!;
        var written = await state.UpdateAsync(this, s =>
        {
            var candidate = new Plan(
                planId,
                plan.Name.Trim(),
                TextRules.Normalize(plan.Description),
                CatalogValidation.OrEmpty(plan.Scopes),
                plan.AutoApprove,
                TextRules.Normalize(plan.PolicyId),
                plan.RateLimit,
                plan.Quota,
                clock.GetUtcNow());
            return Put(s, s.Plans, candidate, p => p.Id, SameContent, out saved);
        }, cancellationToken);

        if (written)
        {
            _stored = SnapshotOfState();
            await audit.RecordAsync(caller.Id, "plan.upsert", AuditSubjects.Plan, planId, saved.Name, cancellationToken);
            CatalogLog.PlanSaved(logger, planId, caller.Id, _stored.Version);
        }

        return CommandResult<Plan>.Success(saved);
    }

    /// <summary>
    /// Puts the candidate in place of the entry with its id, or adds it, and moves the catalogue to its next version;
    /// false (nothing changed) when the stored entry already says the same.
    /// </summary>
    private static bool Put<T>(
        CatalogState catalog, List<T> entries, T candidate, Func<T, string> idOf, Func<T, T, bool> sameContent, out T saved)
    {
        var id = idOf(candidate);
        var index = entries.FindIndex(e => idOf(e) == id);
        if (index >= 0 && sameContent(entries[index], candidate))
        {
            saved = entries[index];
            return false;
        }

        if (index >= 0)
        {
            entries[index] = candidate;
        }
        else
        {
            entries.Add(candidate);
        }

        catalog.Version++;
        saved = candidate;
        return true;
    }

    private CatalogSnapshot SnapshotOfState() => new(state.State.Version, [.. state.State.Products], [.. state.State.Plans]);

    private void Hold(string? providerId)
    {
        if (providerId is not null)
        {
            _providersBeingReferenced[providerId] = _providersBeingReferenced.GetValueOrDefault(providerId) + 1;
        }
    }

    private void Release(string? providerId)
    {
        if (providerId is not null && --_providersBeingReferenced[providerId] == 0)
        {
            _providersBeingReferenced.Remove(providerId);
        }
    }

    private static bool SameContent(Product a, Product b) =>
        a.Name == b.Name && a.Description == b.Description && a.Published == b.Published && a.DcrEnabled == b.DcrEnabled
        && a.ProviderId == b.ProviderId && a.PolicyId == b.PolicyId
        && a.Scopes.SequenceEqual(b.Scopes) && a.ClientTypeIds.SequenceEqual(b.ClientTypeIds);

    private static bool SameContent(Plan a, Plan b) =>
        a.Name == b.Name && a.Description == b.Description && a.AutoApprove == b.AutoApprove && a.PolicyId == b.PolicyId
        && a.RateLimit == b.RateLimit && a.Quota == b.Quota && a.Scopes.SequenceEqual(b.Scopes);

    private static UserError Forbidden() => UserError.For(UserErrorCodes.Forbidden, "Only admins manage the catalogue.");

    private static string NewId() => Guid.NewGuid().ToString("N");
}
