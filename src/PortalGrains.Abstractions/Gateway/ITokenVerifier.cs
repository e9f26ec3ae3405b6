namespace PortalGrains.Abstractions.Gateway;

/// <summary>Verifies tokens against the issuing provider's cached JWKS, on the calling silo.</summary>
public interface ITokenVerifier
{
    Task<TokenVerificationResult> VerifyAsync(string token, CancellationToken cancellationToken = default);
}
