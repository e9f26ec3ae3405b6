using GraphQL;
using PortalGrains.Abstractions.Applications;
using PortalGrains.Abstractions.Common;
using PortalGrains.GraphQL.Execution;
using PortalGrains.GraphQL.Schema.Inputs;
using PortalGrains.GraphQL.Schema.Models;

namespace PortalGrains.GraphQL.Schema.Mutations;

/// <summary>
/// Mutations on applications. The application grain checks ownership with the caller; an application the caller may
/// not see is NOT_FOUND here, so that the answer does not reveal that it exists.
/// </summary>
internal static class ApplicationMutations
{
    public static async Task<MutationPayload<ApplicationView>> UpdateAsync(IResolveFieldContext context)
    {
        var portal = context.Portal();
        var user = portal.RequireUser();
        var input = context.GetArgument<UpdateApplicationInput>("input");
        var validator = new InputValidator()
            .Id(input.Id, "id")
            .Text(input.Description, InputLimits.MaxDescriptionLength, "description")
            .Texts(input.RedirectUris, InputLimits.MaxRedirectUris, InputLimits.MaxUrlLength, "redirectUris")
            .Text(input.JwksUri, InputLimits.MaxUrlLength, "jwksUri")
            .Text(input.TlsClientAuthSubjectDn, InputLimits.MaxDescriptionLength, "tlsClientAuthSubjectDn");
        if (input.Name is not null)
        {
            validator.RequiredText(input.Name, InputLimits.MaxNameLength, "name");
        }

        if (validator.HasErrors)
        {
            return MutationPayload<ApplicationView>.Failure(validator.Errors);
        }

        if (await RefusedAsync<ApplicationView>(portal, input.Id, a => a.Change, "id") is { } refused)
        {
            return refused;
        }

        var update = new ApplicationUpdate(
            input.Name,
            input.Description,
            input.RedirectUris is null ? null : [.. input.RedirectUris],
            input.JwksUri is null && input.TlsClientAuthSubjectDn is null ? null : new ClientKeys(input.JwksUri, input.TlsClientAuthSubjectDn));
        var result = await portal.Grains.GetGrain<IApplicationGrain>(input.Id).UpdateAsync(update, user.ToCaller(), portal.CancellationToken);
        return Remembered(portal, result);
    }

    public static async Task<MutationPayload<ApplicationView>> RotateSecretAsync(IResolveFieldContext context)
    {
        var portal = context.Portal();
        var user = portal.RequireUser();
        var input = context.GetArgument<RotateSecretInput>("input");
        var validator = new InputValidator()
            .Id(input.ApplicationId, "applicationId")
            .Id(input.ProviderId, "providerId")
            .Range(input.GracePeriodSeconds, 0, InputLimits.MaxGracePeriodSeconds, "gracePeriodSeconds");
        if (validator.HasErrors)
        {
            return MutationPayload<ApplicationView>.Failure(validator.Errors);
        }

        if (await RefusedAsync<ApplicationView>(portal, input.ApplicationId, a => a.Change, "applicationId") is { } refused)
        {
            return refused;
        }

        var result = await portal.Grains.GetGrain<IApplicationGrain>(input.ApplicationId)
            .RotateSecretAsync(input.ProviderId, TimeSpan.FromSeconds(input.GracePeriodSeconds), user.ToCaller(), portal.CancellationToken);
        return Remembered(portal, result);
    }

    public static async Task<MutationPayload<ApplicationView>> ImportClientAsync(IResolveFieldContext context)
    {
        var portal = context.Portal();
        var admin = portal.RequireAdmin();
        var input = context.GetArgument<ImportClientInput>("input");
        var validator = new InputValidator()
            .Id(input.ApplicationId, "applicationId")
            .Id(input.ProviderId, "providerId")
            .RequiredText(input.ClientId, InputLimits.MaxShortTextLength, "clientId")
            .Text(input.ClientSecret, InputLimits.MaxSecretLength, "clientSecret")
            .Text(input.RegistrationAccessToken, InputLimits.MaxSecretLength, "registrationAccessToken")
            .Text(input.RegistrationClientUri, InputLimits.MaxUrlLength, "registrationClientUri");
        if (validator.HasErrors)
        {
            return MutationPayload<ApplicationView>.Failure(validator.Errors);
        }

        var import = new ClientImport(
            input.ProviderId, input.ClientId.Trim(), NullIfEmpty(input.ClientSecret), NullIfEmpty(input.RegistrationAccessToken), NullIfEmpty(input.RegistrationClientUri));
        var result = await portal.Grains.GetGrain<IApplicationGrain>(input.ApplicationId)
            .ImportClientAsync(import, admin.ToCaller(), portal.CancellationToken);
        return Remembered(portal, result);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    public static async Task<MutationPayload<string>> DeleteAsync(IResolveFieldContext context)
    {
        var portal = context.Portal();
        var user = portal.RequireUser();
        var input = context.GetArgument<DeleteInput>("input");
        var validator = new InputValidator().Id(input.Id, "id");
        if (validator.HasErrors)
        {
            return MutationPayload<string>.Failure(validator.Errors);
        }

        if (await RefusedAsync<string>(portal, input.Id, a => a.Delete, "id") is { } refused)
        {
            return refused;
        }

        var result = await portal.Grains.GetGrain<IApplicationGrain>(input.Id).DeleteAsync(user.ToCaller(), portal.CancellationToken);
        if (result.Succeeded)
        {
            portal.ForgetApplication(input.Id);
        }

        return MutationPayload<string>.From(result);
    }

    public static async Task<MutationPayload<ApplicationView>> TransferAsync(IResolveFieldContext context)
    {
        var portal = context.Portal();
        var user = portal.RequireUser();
        var input = context.GetArgument<TransferApplicationInput>("input");
        var validator = new InputValidator().Id(input.ApplicationId, "applicationId").Id(input.TeamId, "teamId");
        if (validator.HasErrors)
        {
            return MutationPayload<ApplicationView>.Failure(validator.Errors);
        }

        if (await RefusedAsync<ApplicationView>(portal, input.ApplicationId, a => a.Change || portal.IsAdmin, "applicationId") is { } refused)
        {
            return refused;
        }

        var result = await portal.Grains.GetGrain<IApplicationGrain>(input.ApplicationId)
            .TransferAsync(input.TeamId, user.ToCaller(), portal.CancellationToken);
        return Remembered(portal, result);
    }

    private static MutationPayload<ApplicationView> Remembered(PortalUserContext portal, CommandResult<ApplicationView> result)
    {
        if (result is { Succeeded: true, Value: { } view })
        {
            portal.Remember(view);
        }

        return MutationPayload<ApplicationView>.From(result);
    }

    /// <summary>
    /// Null when the caller may do it; FORBIDDEN for a member of the application's team who may not (a MEMBER, not an
    /// OWNER); otherwise NOT_FOUND, as for an application the caller cannot see. The grain checks again.
    /// </summary>
    private static async Task<MutationPayload<T>?> RefusedAsync<T>(PortalUserContext portal, string applicationId, Func<ApplicationAccess, bool> allowed, string field)
    {
        var application = await portal.GetVisibleApplicationAsync(applicationId);
        var access = application is null ? ApplicationAccess.None : await portal.GetAccessAsync(application);
        if (allowed(access))
        {
            return null;
        }

        return !access.ReadSecrets
            ? NotFound<T>(field)
            : MutationPayload<T>.Failure(UserError.For(UserErrorCodes.Forbidden,
                "Only the application's owner (for a team's application: an OWNER of the team) may do this.", InputValidator.InputArgument, field));
    }

    private static MutationPayload<T> NotFound<T>(string field) =>
        MutationPayload<T>.Failure(UserError.For(UserErrorCodes.NotFound, "No application of yours has this id.", InputValidator.InputArgument, field));
}
