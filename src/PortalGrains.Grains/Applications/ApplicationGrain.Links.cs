using PortalGrains.Abstractions.Providers;

namespace PortalGrains.Grains.Applications;

/// <summary>The application's provider links: one per provider, decided on by a <see cref="ProviderReconciler"/>.</summary>
partial class ApplicationGrain
{
    private ProviderReconciler Reconciler => new(options.Value);

    /// <summary>The link with the provider, added when there is none yet (links holding nothing are dropped before writes).</summary>
    private ProviderLink Link(string providerId)
    {
        if (!S.Links.TryGetValue(providerId, out var link))
        {
            link = new ProviderLink();
            S.Links[providerId] = link;
        }

        return link;
    }

    private ObservedClient? ClientAt(string providerId) => S.Links.GetValueOrDefault(providerId)?.Client;

    /// <summary>The current client at each provider that has one, by provider id.</summary>
    private IEnumerable<(string ProviderId, ObservedClient Client)> CurrentClients() =>
        S.Links.Where(l => l.Value.Client is not null).Select(l => (l.Key, l.Value.Client!));

    private List<GrantRecord> GrantsAt(string providerId) => [.. S.Grants.Values.Where(g => g.ProviderId == providerId)];

    private DesiredProviderState Desired(ProviderView provider) => new(provider, GrantsAt(provider.Id), S.RedirectUris, Keys(), S.Deleted);

    private void DropEmptyLinks()
    {
        foreach (var providerId in S.Links.Where(l => l.Value.HoldsNothing()).Select(l => l.Key).ToList())
        {
            S.Links.Remove(providerId);
        }
    }
}
