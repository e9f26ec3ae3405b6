using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using PortalGrains.GraphQL.Errors;

namespace PortalGrains.GraphQL.Auth;

/// <summary>
/// Authenticates a GraphQL request with the portal's JWT bearer scheme. No Authorization header = anonymous.
/// A header that does not carry a valid login token refuses the request as a whole (never downgraded to anonymous).
/// </summary>
public sealed class PortalRequestAuthenticator(ILogger<PortalRequestAuthenticator> logger)
{
    public async Task<PortalAuthenticationOutcome> AuthenticateAsync(HttpContext context)
    {
        var hasAuthorization = !string.IsNullOrWhiteSpace(context.Request.Headers.Authorization);
        var schemes = context.RequestServices.GetService<IAuthenticationSchemeProvider>();
        if (schemes is null || await schemes.GetSchemeAsync(PortalAuthenticationExtensions.Scheme) is null)
        {
            return hasAuthorization
                ? Refuse("not configured", "Bearer tokens are not accepted: authentication is not configured on this server.")
                : PortalAuthenticationOutcome.Anonymous();
        }

        AuthenticateResult result;
        try
        {
            result = await context.AuthenticateAsync(PortalAuthenticationExtensions.Scheme);
        }
        catch (Exception e) when (IsMetadataUnavailable(e) && !context.RequestAborted.IsCancellationRequested)
        {
            return Unavailable(e);
        }

        if (result.Succeeded)
        {
            var options = context.RequestServices.GetRequiredService<IOptions<PortalAuthOptions>>().Value;
            var user = PortalClaims.ToPortalUser(result.Principal, options);
            return user is null
                ? Refuse("no sub claim", "The bearer token has no 'sub' claim.")
                : new PortalAuthenticationOutcome(user, result.Principal!, null, null, StatusCodes.Status200OK);
        }

        if (!hasAuthorization)
        {
            return PortalAuthenticationOutcome.Anonymous();
        }

        if (result.Failure is { } failure && await MetadataUnavailableAsync(context, failure) is { } unavailable)
        {
            return Unavailable(unavailable);
        }

        return result.Failure switch
        {
            SecurityTokenExpiredException => Refuse("expired", "The bearer token has expired."),
            SecurityTokenInvalidAudienceException => Refuse("audience", "The bearer token is not meant for this API (audience)."),
            SecurityTokenInvalidIssuerException => Refuse("issuer", "The bearer token was not issued by the portal's login identity provider."),
            null => Refuse("not a bearer token", "The Authorization header does not carry a bearer token."),
            _ => Refuse(result.Failure.GetType().Name, "The bearer token is not valid."),
        };
    }

    /// <summary>
    /// The discovery document or JWKS of the login identity provider could not be fetched (JwtBearer reports it as a
    /// failure or rethrows it, depending on where it happened) — not a fault of the token.
    /// </summary>
    private static bool IsMetadataUnavailable(Exception e) =>
        e is not SecurityTokenException && e is InvalidOperationException or HttpRequestException or IOException or TaskCanceledException;

    /// <summary>
    /// Without the login identity provider's metadata JwtBearer still validates, and the token then fails for want of an
    /// issuer or keys. Asking the configuration manager tells that apart from a bad token: it answers from its cache
    /// while it has a copy, and throws only when it has none and cannot fetch one.
    /// </summary>
    private static async Task<Exception?> MetadataUnavailableAsync(HttpContext context, Exception failure)
    {
        if (IsMetadataUnavailable(failure))
        {
            return failure;
        }

        var jwt = context.RequestServices.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(PortalAuthenticationExtensions.Scheme);
        if (jwt.ConfigurationManager is null)
        {
            return null;
        }

        try
        {
            await jwt.ConfigurationManager.GetConfigurationAsync(context.RequestAborted);
            return null;
        }
        catch (Exception e) when (IsMetadataUnavailable(e) && !context.RequestAborted.IsCancellationRequested)
        {
            return e;
        }
    }

    private PortalAuthenticationOutcome Unavailable(Exception e)
    {
        PortalAuthLog.AuthenticationUnavailable(logger, e.GetType().Name, e.Message);
        return PortalAuthenticationOutcome.Refusal(PortalErrorCodes.AuthUnavailable,
            "The login identity provider cannot be reached to check the bearer token; retry later.", StatusCodes.Status503ServiceUnavailable);
    }

    private PortalAuthenticationOutcome Refuse(string reason, string message)
    {
        PortalAuthLog.BearerTokenRefused(logger, reason);
        return PortalAuthenticationOutcome.Refusal(PortalErrorCodes.Unauthenticated, message, StatusCodes.Status401Unauthorized);
    }
}
