using GraphQL.Types;
using PortalGrains.GraphQL.Execution;
using PortalGrains.GraphQL.Schema.Models;
using PortalGrains.GraphQL.Schema.Scalars;

namespace PortalGrains.GraphQL.Schema.Types;

public sealed class ViewerType : ObjectGraphType<ViewerModel>
{
    public ViewerType()
    {
        Name = "Viewer";
        Description = "the caller: the login token's subject and the developer profile kept for it";
        Field<NonNullGraphType<IdGraphType>>("id").Description("the login token's 'sub'").Resolve(c => c.Source.User.Id);
        Field<NonNullGraphType<BooleanGraphType>>("isAdmin").Resolve(c => c.Source.User.IsAdmin);
        Field<StringGraphType>("email").Resolve(c => c.Source.Profile.Email ?? c.Source.User.Email);
        Field<StringGraphType>("name").Resolve(c => c.Source.Profile.Name ?? c.Source.User.Name);
        Field<NonNullGraphType<DateTimeScalarType>>("createdAt").Description("when the profile was created").Resolve(c => c.Source.Profile.CreatedAt);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ApplicationType>>>>("applications")
            .ResolveAsync(async c =>
            {
                var portal = c.Portal();
                var applications = await Task.WhenAll(
                    c.Source.Profile.ApplicationIds.OrEmpty().Distinct(StringComparer.Ordinal).Select(portal.GetVisibleApplicationAsync));
                return applications.OfType<Abstractions.Applications.ApplicationView>().ToList();
            });
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AccessRequestType>>>>("accessRequests")
            .ResolveAsync(async c => await c.Portal().GetVisibleAccessRequestsAsync(c.Source.Profile.AccessRequestIds.OrEmpty()));
    }
}
