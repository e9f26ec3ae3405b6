using Orleans.Storage;

namespace PortalGrains.Grains.Persistence;

/// <summary>Writing grain state safely: a failed write leaves the in-memory state changed, a conflict is re-decided.</summary>
internal static class PersistentStateExtensions
{
    /// <summary>
    /// Writes the state. After a failed write the in-memory state already holds the change that was not stored
    /// (dotnet/orleans discussion #8050), so it is reloaded before the exception propagates; when even the reload
    /// fails, the activation is dropped so that the next call starts from storage.
    /// </summary>
    public static async Task WriteOrReloadAsync<TState>(this IPersistentState<TState> state, IGrainBase grain, CancellationToken cancellationToken)
    {
        try
        {
            await state.WriteStateAsync(cancellationToken);
        }
        catch
        {
            try
            {
                await state.ReadStateAsync(CancellationToken.None);
            }
            catch
            {
                grain.DeactivateOnIdle();
            }

            throw;
        }
    }

    /// <summary>
    /// Applies <paramref name="apply"/> (which changes the state and says whether it changed anything) and writes.
    /// On an <see cref="InconsistentStateException"/> (someone else wrote since we read) the state has been re-read,
    /// and <paramref name="apply"/> decides once more against what is stored: never a blind retry. A second conflict
    /// propagates.
    /// </summary>
    /// <returns>Whether anything was written.</returns>
    public static async Task<bool> UpdateAsync<TState>(
        this IPersistentState<TState> state, IGrainBase grain, Func<TState, bool> apply, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (!apply(state.State))
            {
                return false;
            }

            try
            {
                await state.WriteOrReloadAsync(grain, cancellationToken);
                return true;
            }
            catch (InconsistentStateException) when (attempt == 0)
            {
                // The state was reloaded by WriteOrReloadAsync; decide again against it.
            }
        }
    }
}
