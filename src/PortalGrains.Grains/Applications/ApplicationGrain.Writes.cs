using PortalGrains.Abstractions.Applications;
using PortalGrains.Abstractions.Providers;
using PortalGrains.Grains.Persistence;
using PortalGrains.IdentityProviders.Errors;
using PortalGrains.IdentityProviders.Registration;

namespace PortalGrains.Grains.Applications;

/// <summary>
/// Writes of the application. An identity provider operation takes two: its intent (the journal entry, with the
/// change that asked for it) before it is sent, and its outcome after. A reconciliation's bookkeeping (grant outcomes,
/// what was reported, the pending index listing) goes into the outcome's write, and nothing is written when nothing
/// changed. The admin search index is updated after the write; should the silo stop in between, the next activation
/// brings it in line.
/// </summary>
partial class ApplicationGrain
{
    /// <summary>The in-memory state holds a change that is not stored yet.</summary>
    private bool _unsaved;

    /// <summary>A client registered at its identity provider and not stored yet (its intent is journaled).</summary>
    private UnstoredRegistration? _unstoredRegistration;

    private void MarkChanged() => _unsaved = true;

    /// <summary>
    /// Writes the state. A registration not stored yet is deleted again at its identity provider when the write
    /// fails, rather than left behind; once stored, the client is recorded as the application's.
    /// </summary>
    private async Task PersistAsync(CancellationToken cancellationToken)
    {
        DropEmptyLinks();
        var registration = _unstoredRegistration;
        try
        {
            await state.WriteOrReloadAsync(this, cancellationToken);
        }
        catch (Exception e)
        {
            // a failed write reloads what is stored, which may predate provider links
            ApplicationStateMigration.MoveIntoLinks(S);
            _unsaved = false;
            if (registration is null)
            {
                throw;
            }

            _unstoredRegistration = null;
            await CompensateRegistrationAsync(registration, e);
            throw;
        }

        _unsaved = false;
        if (registration is not null)
        {
            _unstoredRegistration = null;
            try
            {
                await OwnershipOf(registration.ProviderId, registration.Client.ClientId).SetApplicationIdAsync(Id, cancellationToken);
            }
            catch (Exception e) when (IsSiloGone(e))
            {
                ApplicationGrainLog.OwnershipUpdateFailed(logger, Id, registration.Client.ClientId, registration.ProviderId, e.GetType().Name);
            }
        }
    }

    /// <summary>
    /// Stores what changed, if anything, with the application listed in the pending index while it has work due: a
    /// new due time is listed before the write (a crash in between wakes the application for nothing, never leaves
    /// work unlisted), and the listing removed after it (a crash in between leaves an entry whose wake-up removes it).
    /// </summary>
    private async Task PersistChangesAsync(CancellationToken cancellationToken)
    {
        var dueAt = NextDueAt();
        var unlist = false;
        if (dueAt != S.ListedDueAt)
        {
            if (dueAt is { } due)
            {
                if (await TryUpdatePendingIndexAsync(() => ListPendingAsync(due)))
                {
                    S.ListedDueAt = dueAt;
                    MarkChanged();
                }
            }
            else
            {
                unlist = true;
                S.ListedDueAt = null;
                MarkChanged();
            }
        }

        if (_unsaved)
        {
            await PersistAsync(cancellationToken);
        }

        if (unlist)
        {
            await TryUpdatePendingIndexAsync(() => ListPendingAsync(null));
        }
    }

    private async Task<bool> TryUpdatePendingIndexAsync(Func<Task> update)
    {
        try
        {
            await update();
            return true;
        }
        catch (Exception e) when (IsSiloGone(e))
        {
            ApplicationGrainLog.PendingIndexUpdateFailed(logger, Id, e.GetType().Name);
            return false;
        }
    }

    private async Task CompensateRegistrationAsync(UnstoredRegistration registration, Exception cause)
    {
        ApplicationGrainLog.CompensatingRegistration(logger, cause, Id, registration.ProviderId, registration.Client.ClientId);
        using (var idp = await connector.ConnectAsync(registration.Connection, CancellationToken.None))
        {
            await connector.DriverFor(registration.Connection.Provider).DeleteAsync(idp, registration.Client, CancellationToken.None);
        }

        // Deleted again: the journaled registration is settled, as if it never happened.
        if (S.Links.GetValueOrDefault(registration.ProviderId) is { } link)
        {
            link.Journal = null;
            MarkChanged();
        }

        throw new IdentityProviderException(
            IdentityProviderErrorKind.Transient, IdentityProviderOperation.Register,
            "The client could not be stored; it is registered again shortly.",
            $"Storing client {registration.Client.ClientId} failed ({cause.GetType().Name}); it was deleted at the identity provider.");
    }

    private sealed record UnstoredRegistration(string ProviderId, RegisteredClient Client, ProviderConnectionSettings Connection);
}
