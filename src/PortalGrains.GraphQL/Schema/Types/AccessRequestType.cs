using GraphQL.Types;
using PortalGrains.Abstractions.AccessRequests;
using PortalGrains.Abstractions.Applications;
using PortalGrains.Abstractions.Common;
using PortalGrains.GraphQL.Execution;
using PortalGrains.GraphQL.Schema.Enums;
using PortalGrains.GraphQL.Schema.Scalars;

namespace PortalGrains.GraphQL.Schema.Types;

/// <summary>An access request; only its developer and admins ever reach one (every field that leads here checks).</summary>
public sealed class AccessRequestType : ObjectGraphType<AccessRequestView>
{
    public AccessRequestType()
    {
        Name = "AccessRequest";
        Description = "a developer's request for a product and plan for one application";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<AccessRequestStatusType>>("status").Resolve(c => c.Source.Status);
        Field<NonNullGraphType<ApiProductType>>("product")
            .ResolveAsync(async c => (await c.Portal().GetCatalogAsync()).FindProduct(c.Source.ProductId));
        Field<NonNullGraphType<PlanType>>("plan")
            .ResolveAsync(async c => (await c.Portal().GetCatalogAsync()).FindPlan(c.Source.PlanId));
        Field<NonNullGraphType<ApplicationType>>("application")
            .ResolveAsync(async c =>
            {
                var portal = c.Portal();
                var application = await portal.GetApplicationAsync(c.Source.ApplicationId);
                if (application is not null)
                {
                    // The request was visible, so its developer or a member reads it: a deleted application shows its name only.
                    return application.Deleted || (await portal.GetAccessAsync(application)).See ? application : null;
                }

                // The application's state is gone (deleted): keep the request readable.
                return new ApplicationView(c.Source.ApplicationId, c.Source.DeveloperId, "(deleted application)", null, [], [c.Source.Id], c.Source.CreatedAt, Deleted: true);
            });
        Field<NonNullGraphType<IdGraphType>>("developerId").Resolve(c => c.Source.DeveloperId);
        Field<NonNullGraphType<IdGraphType>>("clientTypeId").Resolve(c => c.Source.ClientTypeId);
        Field<NonNullGraphType<IdGraphType>>("providerId").Resolve(c => c.Source.ProviderId);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("scopes")
            .Description("the product's and the plan's scopes, as requested")
            .Resolve(c => c.Source.Scopes.OrEmpty());
        Field<NonNullGraphType<DateTimeScalarType>>("createdAt").Resolve(c => c.Source.CreatedAt);
        Field<NonNullGraphType<DateTimeScalarType>>("updatedAt").Resolve(c => c.Source.UpdatedAt);
        Field<StringGraphType>("decidedBy").Resolve(c => RequestActors.Shown(c.Source.DecidedBy, c.Source, c.Portal().IsAdmin));
        Field<StringGraphType>("failureReason")
            .Description("for the developer a short, stable message; for admins the detail (IdP status and error) as well")
            .Resolve(c => FailureReason(c.Source, c.Portal().IsAdmin));
        Field<StringGraphType>("correlationId")
            .Description("of the last failure; quote it when asking for help, it also stands in the server log")
            .Resolve(c => c.Source.CorrelationId);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StatusChangeType>>>>("history")
            .Description("every status change, oldest first")
            .Resolve(c =>
            {
                var isAdmin = c.Portal().IsAdmin;
                return c.Source.History.OrEmpty()
                    .Select(change => change with { Actor = RequestActors.Shown(change.Actor, c.Source, isAdmin)! })
                    .ToList();
            });
    }

    internal static string? FailureReason(AccessRequestView request, bool forAdmin) => AccessRequestFailureReason.For(request, forAdmin);
}
