using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PortalGrains.Abstractions.Common;

namespace PortalGrains.GraphQL.Auth;

/// <summary>The portal user of a request whose principal was authenticated with the portal's bearer scheme.</summary>
public static class PortalUserHttpContextExtensions
{
    public static PortalUser? GetPortalUser(this HttpContext context) =>
        PortalClaims.ToPortalUser(context.User, context.RequestServices.GetRequiredService<IOptions<PortalAuthOptions>>().Value);

    /// <summary>The caller to hand to grains, or null for an anonymous request.</summary>
    public static Caller? GetCaller(this HttpContext context) => context.GetPortalUser()?.ToCaller();
}
