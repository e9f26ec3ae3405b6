using Microsoft.IdentityModel.Tokens;

namespace PortalGrains.Gateway;

/// <summary>
/// IdentityModel's lifetime rule (valid from <c>nbf - skew</c> to <c>exp + skew</c>, <c>exp</c> required) read on a
/// <see cref="TimeProvider"/>, since IdentityModel reads the system clock itself.
/// </summary>
internal static class TokenLifetime
{
    public static bool Validate(DateTime? notBefore, DateTime? expires, TimeSpan clockSkew, TimeProvider clock)
    {
        if (expires is not { } exp)
        {
            throw new SecurityTokenNoExpirationException("The token has no expiration time.");
        }

        if (notBefore is { } nbf && nbf > exp)
        {
            throw new SecurityTokenInvalidLifetimeException("The token's not-before time is after its expiration time.")
            {
                NotBefore = nbf,
                Expires = exp,
            };
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (notBefore is { } start && start > now + clockSkew)
        {
            throw new SecurityTokenNotYetValidException("The token is not valid yet.") { NotBefore = start };
        }

        if (exp < now - clockSkew)
        {
            throw new SecurityTokenExpiredException("The token has expired.") { Expires = exp };
        }

        return true;
    }
}
