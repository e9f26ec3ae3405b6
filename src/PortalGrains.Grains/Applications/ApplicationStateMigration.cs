namespace PortalGrains.Grains.Applications;

/// <summary>
/// Moves what applications stored in parallel collections keyed by provider id, before <see cref="ProviderLink"/>
/// existed, into their links. Done in memory on activation; the collections are emptied, so the application's next
/// write stores only the links.
/// </summary>
internal static class ApplicationStateMigration
{
#pragma warning disable CS0618 // the legacy fields are read here, and only here
    /// <returns>Whether anything was moved.</returns>
    public static bool MoveIntoLinks(ApplicationState state)
    {
        if (!HasLegacyFields(state))
        {
            return false;
        }

        foreach (var (providerId, client) in state.Clients)
        {
            LinkOf(state, providerId).Client = client;
        }

        foreach (var (providerId, entry) in state.Journal)
        {
            LinkOf(state, providerId).Journal = entry;
        }

        foreach (var (providerId, retry) in state.Retries)
        {
            LinkOf(state, providerId).Retry = retry;
        }

        foreach (var (providerId, gracePeriod) in state.RotationRequests)
        {
            LinkOf(state, providerId).RotationRequest = gracePeriod;
        }

        foreach (var providerId in state.ExpiryRotations)
        {
            LinkOf(state, providerId).ExpiryRotation = true;
        }

        // The list was kept oldest first: its order becomes the replacement order.
        for (var i = 0; i < state.Orphans.Count; i++)
        {
            var orphan = state.Orphans[i];
            orphan.ReplacedAt = DateTimeOffset.MinValue.AddTicks(i);
            LinkOf(state, orphan.ProviderId).Orphans.Add(orphan);
        }

        foreach (var parsed in state.UnsettledRegistrations.Select(LegacyUnsettledRegistrationEntry.Parse))
        {
            if (parsed is var (providerId, registration))
            {
                LinkOf(state, providerId).UnsettledRegistrations.Add(registration);
            }
        }

        foreach (var (providerId, retry) in state.UnsettledSearchRetries)
        {
            LinkOf(state, providerId).UnsettledSearchRetry = retry;
        }

        foreach (var providerId in state.UnsettledSearchStopped)
        {
            LinkOf(state, providerId).UnsettledSearchStopped = true;
        }

        state.Clients = [];
        state.Journal = [];
        state.Retries = [];
        state.RotationRequests = [];
        state.ExpiryRotations = [];
        state.Orphans = [];
        state.UnsettledRegistrations = [];
        state.UnsettledSearchRetries = [];
        state.UnsettledSearchStopped = [];
        return true;
    }

    private static bool HasLegacyFields(ApplicationState state) =>
        state.Clients.Count + state.Journal.Count + state.Retries.Count + state.RotationRequests.Count + state.ExpiryRotations.Count
        + state.Orphans.Count + state.UnsettledRegistrations.Count + state.UnsettledSearchRetries.Count + state.UnsettledSearchStopped.Count > 0;
#pragma warning restore CS0618

    private static ProviderLink LinkOf(ApplicationState state, string providerId)
    {
        if (!state.Links.TryGetValue(providerId, out var link))
        {
            link = new ProviderLink();
            state.Links[providerId] = link;
        }

        return link;
    }
}
