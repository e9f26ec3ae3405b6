using GraphQL;
using PortalGrains.Abstractions.Common;
using PortalGrains.GraphQL.Execution;
using PortalGrains.GraphQL.Schema.Inputs;
using PortalGrains.GraphQL.Schema.Models;

namespace PortalGrains.GraphQL.Schema.Mutations;

/// <summary>The shape of an admin's delete mutation: admins only, the id checked, then the grain decides.</summary>
internal static class AdminDelete
{
    public static async Task<MutationPayload<string>> RunAsync(
        IResolveFieldContext context, Func<PortalUserContext, string, Caller, Task<CommandResult<string>>> delete)
    {
        var portal = context.Portal();
        var admin = portal.RequireAdmin();
        var input = context.GetArgument<DeleteInput>("input");
        var validator = new InputValidator().Id(input.Id, "id");
        if (validator.HasErrors)
        {
            return MutationPayload<string>.Failure(validator.Errors);
        }

        return MutationPayload<string>.From(await delete(portal, input.Id, admin.ToCaller()));
    }
}
