using System.Security.Claims;

namespace PortalGrains.GraphQL.Auth;

/// <summary>Reads a <see cref="PortalUser"/> from a validated login token's claims (claim types as in the JWT, not remapped).</summary>
public static class PortalClaims
{
    public const string Subject = "sub";
    public const string Email = "email";
    public const string Name = "name";

    /// <summary>OAuth scope as a space-separated string (RFC 8693 §4.2); <c>scp</c> is the Microsoft Entra spelling.</summary>
    public static readonly IReadOnlyList<string> ScopeClaimTypes = ["scope", "scp"];

    public static readonly IReadOnlyList<string> RoleClaimTypes = ["roles", "role", ClaimTypes.Role];

    /// <summary>The portal user of an authenticated principal; null when the principal is anonymous or has no <c>sub</c>.</summary>
    public static PortalUser? ToPortalUser(ClaimsPrincipal? principal, PortalAuthOptions options)
    {
        if (principal?.Identity is not { IsAuthenticated: true })
        {
            return null;
        }

        var subject = principal.FindFirst(Subject)?.Value;
        if (string.IsNullOrEmpty(subject))
        {
            return null;
        }

        return new PortalUser(
            subject,
            IsAdmin(principal, options),
            NonEmpty(principal.FindFirst(Email)?.Value),
            NonEmpty(principal.FindFirst(Name)?.Value));
    }

    /// <summary>
    /// Admin = a scope claim (space-separated, one claim per array element) contains the admin scope, or a role claim
    /// contains the admin role.
    /// </summary>
    public static bool IsAdmin(ClaimsPrincipal principal, PortalAuthOptions options)
    {
        foreach (var claim in principal.Claims)
        {
            if (ScopeClaimTypes.Contains(claim.Type, StringComparer.Ordinal) &&
                claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(options.AdminScope, StringComparer.Ordinal))
            {
                return true;
            }

            if (RoleClaimTypes.Contains(claim.Type, StringComparer.Ordinal) &&
                string.Equals(claim.Value.Trim(), options.AdminRole, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
