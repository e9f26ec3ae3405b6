using GraphQL;
using PortalGrains.Abstractions.AccessRequests;
using PortalGrains.Abstractions.Applications;
using PortalGrains.Abstractions.Common;
using PortalGrains.GraphQL.Execution;
using PortalGrains.GraphQL.Schema.Inputs;
using PortalGrains.GraphQL.Schema.Models;

namespace PortalGrains.GraphQL.Schema.Mutations;

/// <summary>Checkout and the decisions on access requests. Requests the caller may not see are NOT_FOUND.</summary>
internal static class AccessRequestMutations
{
    public static async Task<MutationPayload<AccessRequestView>> CheckoutAsync(IResolveFieldContext context)
    {
        var portal = context.Portal();
        var user = portal.RequireUser();
        var input = context.GetArgument<CheckoutInput>("input");
        var validator = new InputValidator()
            .Id(input.ProductId, "productId")
            .Id(input.PlanId, "planId")
            .Id(input.ApplicationId, "applicationId")
            .Id(input.ClientTypeId, "clientTypeId")
            .Texts(input.RedirectUris, InputLimits.MaxRedirectUris, InputLimits.MaxUrlLength, "redirectUris")
            .Text(input.JwksUri, InputLimits.MaxUrlLength, "jwksUri")
            .Text(input.TlsClientAuthSubjectDn, InputLimits.MaxDescriptionLength, "tlsClientAuthSubjectDn");
        if (input.NewApplication is { } newApplication)
        {
            validator
                .RequiredText(newApplication.Name, InputLimits.MaxNameLength, "newApplication", "name")
                .Text(newApplication.Description, InputLimits.MaxDescriptionLength, "newApplication", "description")
                .Id(newApplication.TeamId, "newApplication", "teamId");
        }

        switch (input.ApplicationId, input.NewApplication)
        {
            case (null, null):
                validator.Add(UserErrorCodes.Required, "Give applicationId (an existing application) or newApplication.", "applicationId");
                break;
            case (not null, not null):
                validator.Add(UserErrorCodes.Invalid, "Give either applicationId or newApplication, not both.", "newApplication");
                break;
        }

        if (validator.HasErrors)
        {
            return MutationPayload<AccessRequestView>.Failure(validator.Errors);
        }

        if (input.ApplicationId is { } applicationId && await portal.GetVisibleApplicationAsync(applicationId) is null)
        {
            return NotFound("No application of yours has this id.", "applicationId");
        }

        var request = new CheckoutRequest(
            input.ProductId,
            input.PlanId,
            input.ApplicationId,
            input.NewApplication?.Name,
            input.NewApplication?.Description,
            input.RedirectUris is null ? null : [.. input.RedirectUris],
            input.ClientTypeId,
            input.JwksUri is null && input.TlsClientAuthSubjectDn is null ? null : new ClientKeys(input.JwksUri, input.TlsClientAuthSubjectDn),
            input.NewApplication?.TeamId);
        var result = await portal.Grains.GetGrain<ICheckoutGrain>(0)
            .CheckoutAsync(request, user.ToCaller(), user.Email, user.Name, portal.CancellationToken);
        return Remembered(portal, result);
    }

    public static Task<MutationPayload<AccessRequestView>> ApproveAsync(IResolveFieldContext context) =>
        DecideAsync(context, adminOnly: true, (grain, caller, _, cancellationToken) => grain.ApproveAsync(caller, cancellationToken));

    public static Task<MutationPayload<AccessRequestView>> RejectAsync(IResolveFieldContext context) =>
        DecideAsync(context, adminOnly: true, (grain, caller, reason, cancellationToken) => grain.RejectAsync(caller, reason, cancellationToken));

    public static Task<MutationPayload<AccessRequestView>> RetryAsync(IResolveFieldContext context) =>
        DecideAsync(context, adminOnly: true, (grain, caller, _, cancellationToken) => grain.RetryAsync(caller, cancellationToken));

    /// <summary>Admin or the request's developer; the grain checks the caller again.</summary>
    public static Task<MutationPayload<AccessRequestView>> RevokeAsync(IResolveFieldContext context) =>
        DecideAsync(context, adminOnly: false, (grain, caller, reason, cancellationToken) => grain.RevokeAsync(caller, reason, cancellationToken));

    private static async Task<MutationPayload<AccessRequestView>> DecideAsync(
        IResolveFieldContext context,
        bool adminOnly,
        Func<IAccessRequestGrain, Caller, string?, CancellationToken, Task<CommandResult<AccessRequestView>>> decide)
    {
        var portal = context.Portal();
        var user = adminOnly ? portal.RequireAdmin() : portal.RequireUser();
        var input = context.GetArgument<DecideInput>("input");
        var validator = new InputValidator()
            .Id(input.Id, "id")
            .Text(input.Reason, InputLimits.MaxReasonLength, "reason");
        if (validator.HasErrors)
        {
            return MutationPayload<AccessRequestView>.Failure(validator.Errors);
        }

        if (await portal.GetVisibleAccessRequestAsync(input.Id) is null)
        {
            return NotFound("No access request of yours has this id.", "id");
        }

        var grain = portal.Grains.GetGrain<IAccessRequestGrain>(input.Id);
        var result = await decide(grain, user.ToCaller(), string.IsNullOrWhiteSpace(input.Reason) ? null : input.Reason, portal.CancellationToken);
        return Remembered(portal, result);
    }

    private static MutationPayload<AccessRequestView> Remembered(PortalUserContext portal, CommandResult<AccessRequestView> result)
    {
        if (result is { Succeeded: true, Value: { } view })
        {
            portal.Remember(view);
        }

        return MutationPayload<AccessRequestView>.From(result);
    }

    private static MutationPayload<AccessRequestView> NotFound(string message, string field) =>
        MutationPayload<AccessRequestView>.Failure(UserError.For(UserErrorCodes.NotFound, message, InputValidator.InputArgument, field));
}
