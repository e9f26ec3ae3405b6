using PortalGrains.GraphQL.Auth;

namespace PortalGrains.Host.Dashboard;

/// <summary>
/// Lets only portal admins reach the dashboard, with the login tokens of the GraphQL API: anonymous or a refused token
/// is 401, a valid token without the admin marker 403.
/// </summary>
public sealed class DashboardAdminGate(RequestDelegate next, PortalRequestAuthenticator authenticator)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var outcome = await authenticator.AuthenticateAsync(context);
        if (outcome.Refused || outcome.User is null)
        {
            var status = outcome.Refused ? outcome.StatusCode : StatusCodes.Status401Unauthorized;
            if (status == StatusCodes.Status401Unauthorized)
            {
                context.Response.Headers.WWWAuthenticate = outcome.Refused ? "Bearer error=\"invalid_token\"" : "Bearer";
            }

            await RefuseAsync(context, status, outcome.ErrorMessage ?? "The dashboard needs a portal admin's login token.");
            return;
        }

        if (!outcome.User.IsAdmin)
        {
            await RefuseAsync(context, StatusCodes.Status403Forbidden, "The dashboard is for portal admins only.");
            return;
        }

        context.User = outcome.Principal;
        await next(context);
    }

    private static async Task RefuseAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(message, context.RequestAborted);
    }
}
