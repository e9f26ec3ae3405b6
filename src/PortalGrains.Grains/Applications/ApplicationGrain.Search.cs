using PortalGrains.Abstractions.Applications;
using PortalGrains.Abstractions.Teams;
using PortalGrains.Grains.Persistence;

namespace PortalGrains.Grains.Applications;

public sealed partial class ApplicationGrain
{
    /// <summary>
    /// Brings the admin search index in line with the stored application (its name, owner, team and client ids; out of
    /// it once deleted), after the change is stored and on activation. Both index operations are idempotent, so an
    /// interrupted update is repeated by the next change or activation; a failure never fails the change.
    /// </summary>
    private async Task SyncSearchIndexAsync(CancellationToken cancellationToken)
    {
        if (!S.Exists)
        {
            return;
        }

        try
        {
            var entry = S.Deleted ? null : await SearchEntryAsync(cancellationToken);
            if (entry is null ? S.IndexedSearchEntry is null : entry.SameAs(S.IndexedSearchEntry))
            {
                return;
            }

            await indexes.ChangeSearchIndexAsync(new ApplicationSearchIndexChange(Id, S.CreatedAt, entry));
            // stored with the application's next write; until then, each activation checks the index again
            S.IndexedSearchEntry = entry;
        }
        catch (Exception e)
        {
            ApplicationSearchLog.IndexUpdateFailed(logger, e, Id);
        }
    }

    private async Task<ApplicationSearchEntry> SearchEntryAsync(CancellationToken cancellationToken)
    {
        // A team application stays in its team (teams are not renamed), so the name indexed once is read again only
        // when there is none yet: activations and reconciliations make no call to the team grain.
        var teamName = S.TeamId is not { } teamId
            ? null
            : S.IndexedSearchEntry?.TeamName ?? (await GrainFactory.GetGrain<ITeamGrain>(teamId).GetAsync(cancellationToken))?.Name;
        return new ApplicationSearchEntry(Id, S.CreatedAt, S.Name, S.OwnerId, teamName,
            [.. CurrentClients().Select(c => c.Client.ClientId).Order(StringComparer.Ordinal)]);
    }
}
