using System.Reflection;
using PortalGrains.Abstractions.Catalog;

namespace PortalGrains.Grains.Tests.Support;

/// <summary>
/// Holds every <see cref="ICatalogGrain.GetVersionAsync"/> made through <see cref="Wrap"/>'s grain factory until
/// <see cref="Open"/>, and tells the test when the first one arrived: a refresh stopped at a known point, with no
/// assumption about which thread runs first.
/// </summary>
public sealed class CatalogVersionGate
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when a version check is waiting at the gate (fails after a deadline if none comes).</summary>
    public Task Reached => _reached.Task.WaitAsync(Deadline);

    public void Open() => _opened.TrySetResult();

    public IGrainFactory Wrap(IGrainFactory grains)
    {
        var factory = DispatchProxy.Create<IGrainFactory, GatedFactory>();
        ((GatedFactory)factory).Init(grains, this);
        return factory;
    }

    private async Task<long> GetVersionAsync(ICatalogGrain catalog, CancellationToken cancellationToken)
    {
        _reached.TrySetResult();
        await _opened.Task.WaitAsync(Deadline, cancellationToken);
        return await catalog.GetVersionAsync(cancellationToken);
    }

#pragma warning disable CA1852 // DispatchProxy derives from these types at run time.
    internal class GatedFactory : DispatchProxy
    {
        private IGrainFactory _inner = null!;
        private CatalogVersionGate _gate = null!;

        public void Init(IGrainFactory inner, CatalogVersionGate gate) => (_inner, _gate) = (inner, gate);

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            var result = targetMethod!.Invoke(_inner, args);
            if (result is not ICatalogGrain catalog)
            {
                return result;
            }

            var gated = DispatchProxy.Create<ICatalogGrain, GatedCatalog>();
            ((GatedCatalog)gated).Init(catalog, _gate);
            return gated;
        }
    }

    internal class GatedCatalog : DispatchProxy
    {
        private ICatalogGrain _inner = null!;
        private CatalogVersionGate _gate = null!;

        public void Init(ICatalogGrain inner, CatalogVersionGate gate) => (_inner, _gate) = (inner, gate);

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            targetMethod!.Name == nameof(ICatalogGrain.GetVersionAsync)
                ? _gate.GetVersionAsync(_inner, (CancellationToken)args![0]!)
                : targetMethod.Invoke(_inner, args);
    }
#pragma warning restore CA1852
}
