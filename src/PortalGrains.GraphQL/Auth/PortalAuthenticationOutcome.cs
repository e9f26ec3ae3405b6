using System.Security.Claims;

namespace PortalGrains.GraphQL.Auth;

/// <summary>
/// What the bearer token of a request amounts to: anonymous (no Authorization header), a user, or a refusal
/// (<see cref="ErrorCode"/> and <see cref="ErrorMessage"/>, answered with <see cref="StatusCode"/> for the whole request).
/// </summary>
public sealed record PortalAuthenticationOutcome(
    PortalUser? User,
    ClaimsPrincipal Principal,
    string? ErrorCode,
    string? ErrorMessage,
    int StatusCode)
{
    /// <summary>A new anonymous outcome (its principal is mutable, so it is never shared between requests).</summary>
    public static PortalAuthenticationOutcome Anonymous() => new(null, AnonymousPrincipal(), null, null, 200);

    public static PortalAuthenticationOutcome Refusal(string errorCode, string errorMessage, int statusCode) =>
        new(null, AnonymousPrincipal(), errorCode, errorMessage, statusCode);

    private static ClaimsPrincipal AnonymousPrincipal() => new(new ClaimsIdentity());

    public bool Refused => ErrorCode is not null;
}
