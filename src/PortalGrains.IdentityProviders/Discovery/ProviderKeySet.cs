using Microsoft.IdentityModel.Tokens;

namespace PortalGrains.IdentityProviders.Discovery;

/// <summary>A provider's JWKS as fetched, with its signing keys resolved once.</summary>
public sealed class ProviderKeySet
{
    public ProviderKeySet(JsonWebKeySet keySet, DateTimeOffset fetchedAt)
    {
        ArgumentNullException.ThrowIfNull(keySet);
        KeySet = keySet;
        FetchedAt = fetchedAt;
        SigningKeys = [.. keySet.GetSigningKeys()];
    }

    public JsonWebKeySet KeySet { get; }

    public DateTimeOffset FetchedAt { get; }

    /// <summary>The keys usable to check signatures (keys marked "use":"enc" are left out).</summary>
    public IReadOnlyList<SecurityKey> SigningKeys { get; }

    /// <summary>The signing keys whose kid is <paramref name="kid"/> (ordinal comparison, RFC 7517 §4.5).</summary>
    public IReadOnlyList<SecurityKey> FindSigningKeys(string kid) =>
        [.. SigningKeys.Where(k => string.Equals(k.KeyId, kid, StringComparison.Ordinal))];
}
