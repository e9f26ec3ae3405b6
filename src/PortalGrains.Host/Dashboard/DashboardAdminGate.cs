using Microsoft.Extensions.Options;
using PortalGrains.GraphQL.Auth;

namespace PortalGrains.Host.Dashboard;

/// <summary>
/// Lets only portal admins reach the dashboard, with the login tokens of the GraphQL API: anonymous or a refused token
/// is 401, a valid token without the admin marker 403. The token comes from the <c>Authorization</c> header; for a
/// browser, a <c>?access_token=</c> of an admin is moved into an HttpOnly cookie of the dashboard's path (the page
/// calls its API with that cookie) and the browser is sent to the same page without the token in its address.
/// </summary>
public sealed class DashboardAdminGate(RequestDelegate next, PortalRequestAuthenticator authenticator, IOptions<PortalDashboardOptions> options)
{
    public const string TokenCookie = "portal_dashboard_token";
    public const string TokenQueryParameter = "access_token";

    public async Task InvokeAsync(HttpContext context)
    {
        var source = UseBrowserToken(context.Request);
        var outcome = await authenticator.AuthenticateAsync(context);
        if (outcome.Refused || outcome.User is null)
        {
            if (source == BrowserTokenSource.Cookie)
            {
                context.Response.Cookies.Delete(TokenCookie, CookieOptions(context.Request));
            }

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

        if (source == BrowserTokenSource.Query)
        {
            context.Response.Cookies.Append(TokenCookie, context.Request.Query[TokenQueryParameter].ToString(), CookieOptions(context.Request));
            context.Response.Redirect(context.Request.PathBase + context.Request.Path);
            return;
        }

        context.User = outcome.Principal;
        await next(context);
    }

    /// <summary>Without an Authorization header, the token of the query or the cookie is authenticated as if it were one.</summary>
    private static BrowserTokenSource UseBrowserToken(HttpRequest request)
    {
        if (!string.IsNullOrEmpty(request.Headers.Authorization))
        {
            return BrowserTokenSource.None;
        }

        var (token, source) = request.Query[TokenQueryParameter] is { Count: 1 } query && !string.IsNullOrWhiteSpace(query[0])
            ? (query[0], BrowserTokenSource.Query)
            : (request.Cookies[TokenCookie], BrowserTokenSource.Cookie);
        if (string.IsNullOrWhiteSpace(token))
        {
            return BrowserTokenSource.None;
        }

        request.Headers.Authorization = "Bearer " + token.Trim();
        return source;
    }

    private CookieOptions CookieOptions(HttpRequest request) => new()
    {
        HttpOnly = true,
        Secure = request.IsHttps,
        SameSite = SameSiteMode.Strict,
        Path = request.PathBase + options.Value.Path,
        IsEssential = true,
    };

    private static async Task RefuseAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(message, context.RequestAborted);
    }

    private enum BrowserTokenSource
    {
        None,
        Query,
        Cookie,
    }
}
