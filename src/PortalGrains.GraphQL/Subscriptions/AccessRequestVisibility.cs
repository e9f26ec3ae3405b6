using PortalGrains.Abstractions.AccessRequests;
using PortalGrains.GraphQL.Auth;

namespace PortalGrains.GraphQL.Subscriptions;

/// <summary>
/// Whether a viewer may see an access request: the one rule every live subscription filters by, so that nobody is
/// told about a request they could not query. Today its developer and admins; a rule that needs more (a team the
/// viewer belongs to) reads it here, once per event.
/// </summary>
public sealed class AccessRequestVisibility
{
    public ValueTask<bool> MaySeeAsync(PortalUser viewer, AccessRequestView request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(viewer.MaySee(request.DeveloperId));
    }
}
