using GraphQL;
using PortalGrains.Abstractions.Common;
using PortalGrains.Abstractions.Developers;
using PortalGrains.GraphQL.Execution;
using PortalGrains.GraphQL.Schema.Inputs;
using PortalGrains.GraphQL.Schema.Models;

namespace PortalGrains.GraphQL.Schema.Mutations;

internal static class ProfileMutations
{
    public static async Task<MutationPayload<ViewerModel>> UpdateMyProfileAsync(IResolveFieldContext context)
    {
        var portal = context.Portal();
        var user = portal.RequireUser();
        var input = context.GetArgument<UpdateProfileInput>("input");
        var validator = new InputValidator()
            .Text(input.Email, InputLimits.MaxEmailLength, "email")
            .Text(input.Name, InputLimits.MaxNameLength, "name");
        if (validator.HasErrors)
        {
            return MutationPayload<ViewerModel>.Failure(validator.Errors);
        }

        await portal.GetOrCreateProfileAsync();
        var result = await portal.Grains.GetGrain<IDeveloperGrain>(user.Id)
            .UpdateProfileAsync(input.Email, input.Name, portal.CancellationToken);
        if (result is not { Succeeded: true, Value: { } profile })
        {
            return MutationPayload<ViewerModel>.Failure(result.Errors.OrEmpty());
        }

        portal.RememberProfile(profile);
        return MutationPayload<ViewerModel>.Success(new ViewerModel(user, profile));
    }
}
