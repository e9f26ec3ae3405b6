using PortalGrains.Abstractions.AccessRequests;
using PortalGrains.Abstractions.Applications;
using PortalGrains.GraphQL.Auth;

namespace PortalGrains.GraphQL.Subscriptions;

/// <summary>
/// Whether a viewer may see an access request: the one rule every live subscription filters by, so that nobody is
/// told about a request they could not query. It is the rule of <c>accessRequest(id)</c>: admins; whoever may see the
/// request's application (<see cref="ApplicationAuthorization"/>: its owner, or the members of its team); and the
/// request's developer, unless the application is a team's that the developer left. It is decided again for each
/// event, reading the application and the viewer's teams from their grains, so a removal from a team ends the events
/// of the team's requests at once, like the next query.
/// </summary>
public sealed class AccessRequestVisibility(IGrainFactory grains)
{
    public async ValueTask<bool> MaySeeAsync(PortalUser viewer, AccessRequestView request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(request);
        if (viewer.IsAdmin)
        {
            return true;
        }

        var application = await grains.GetGrain<IApplicationGrain>(request.ApplicationId).GetAsync(cancellationToken);
        if (application is { Deleted: false, TeamId: not null })
        {
            return (await ApplicationAuthorization.DecideAsync(grains, viewer.ToCaller(), application, cancellationToken)).See;
        }

        return viewer.MaySee(request.DeveloperId);
    }
}
