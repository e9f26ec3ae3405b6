using System.Collections.Frozen;
using Microsoft.IdentityModel.Tokens;

namespace PortalGrains.Gateway;

/// <summary>
/// The JWS algorithms a token may be signed with: asymmetric ones only (RFC 7518 §3.3–3.5). <c>none</c> is refused
/// (RFC 8725 §2.1), and so is every HMAC algorithm: providers publish public keys, and accepting HS256 would let
/// anyone sign with the published key bytes as the HMAC secret (RFC 8725 §2.1, algorithm confusion).
/// </summary>
public static class SigningAlgorithms
{
    public static readonly FrozenSet<string> Allowed = FrozenSet.Create(
        StringComparer.Ordinal,
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512);

    public static bool IsAllowed(string? algorithm) => algorithm is not null && Allowed.Contains(algorithm);
}
