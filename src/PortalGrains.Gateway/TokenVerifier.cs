using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PortalGrains.Abstractions.Catalog;
using PortalGrains.Abstractions.Gateway;
using PortalGrains.Abstractions.Providers;
using PortalGrains.IdentityProviders.Discovery;

namespace PortalGrains.Gateway;

/// <summary>
/// Verifies JWTs on the calling silo, with no grain on the path of a known token: the issuer leads to its providers
/// (<see cref="ProviderIssuerDirectory"/>), the <c>kid</c> to a signing key in the provider's cached JWKS (an unknown
/// kid refreshes it, rate-limited by <see cref="IProviderMetadataCache"/>), and a token that passes is remembered until
/// its <c>exp</c>, so that verifying it again is a dictionary lookup plus a check of its expiry and of the catalogue
/// version. Keys removed from a JWKS therefore stop being trusted for new tokens at the next JWKS refresh, and for
/// tokens already verified when those expire, as with gateways that cache their validations. A provider that the
/// catalogue names but the issuer directory has not read yet makes the directory read again first
/// (<see cref="ProviderIssuerDirectory.SyncWithCatalogAsync"/>), so a new product's tokens are answered for at once.
/// </summary>
public sealed class TokenVerifier : ITokenVerifier
{
    private readonly ProviderIssuerDirectory _directory;
    private readonly IProviderMetadataCache _metadata;
    private readonly ICatalogReader _catalog;
    private readonly ApplicationLookup _applications;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly GatewayOptions _options;
    private readonly ExpiringCache<VerifiedToken> _verified;

    public TokenVerifier(
        ProviderIssuerDirectory directory,
        IProviderMetadataCache metadata,
        ICatalogReader catalog,
        ApplicationLookup applications,
        IOptions<GatewayOptions> options,
        TimeProvider clock,
        ILogger<TokenVerifier> logger)
    {
        _directory = directory;
        _metadata = metadata;
        _catalog = catalog;
        _applications = applications;
        _clock = clock;
        _logger = logger;
        _options = options.Value;
        _verified = new ExpiringCache<VerifiedToken>(_options.VerifiedTokenCacheCapacity, clock);
    }

    /// <summary>How many verified tokens this silo remembers.</summary>
    public int CachedTokens => _verified.Count;

    public async Task<TokenVerificationResult> VerifyAsync(string token, CancellationToken cancellationToken = default)
    {
        var catalog = await _catalog.GetAsync(cancellationToken);
        await _directory.SyncWithCatalogAsync(catalog, cancellationToken);

        // The cache drops an entry once exp + clock skew has passed, so a hit is never an expired token.
        if (token is not null && _verified.TryGet(token, out var known))
        {
            var providers = await _directory.FindAsync(known.Issuer, cancellationToken);
            if (SameProviders(providers, known.ProviderIds))
            {
                return await AnswerAsync(known, catalog, cancellationToken);
            }

            // A provider of this issuer was added or removed since: check the token again from scratch.
            _verified.Remove(token);
        }

        return await VerifyUncachedAsync(token, catalog, cancellationToken);
    }

    private async Task<TokenVerificationResult> VerifyUncachedAsync(string? token, CatalogSnapshot catalog, CancellationToken cancellationToken)
    {
        if (!TokenClaims.TryRead(token, out var jwt))
        {
            return Refused(TokenRejectionReasons.Malformed);
        }

        // The algorithm is checked before anything is looked up, so forged tokens cost no lookup at all.
        if (jwt.IsEncrypted || !SigningAlgorithms.IsAllowed(jwt.Alg))
        {
            return Refused(TokenRejectionReasons.UnsupportedAlgorithm, TokenClaims.IssuerOf(jwt));
        }

        var issuer = TokenClaims.IssuerOf(jwt);
        if (issuer is null)
        {
            return Refused(TokenRejectionReasons.UnknownIssuer);
        }

        var providers = await _directory.FindAsync(issuer, cancellationToken);
        if (providers.IsEmpty)
        {
            return Refused(TokenRejectionReasons.UnknownIssuer, issuer);
        }

        // The metadata cache keeps one entry per provider and settings version; asking it with an older version than a
        // provider grain on this silo used would replace that entry back and forth, so catch up with the grain first.
        if (providers.Any(p => _metadata.GetStatus(p.Id) is { } status && status.SettingsVersion > p.Version))
        {
            providers = await _directory.RefreshAndFindAsync(issuer, cancellationToken);
            if (providers.IsEmpty)
            {
                return Refused(TokenRejectionReasons.UnknownIssuer, issuer);
            }
        }

        // Providers sharing an issuer share its JWKS: one cached copy serves them all, so prefer a provider whose keys
        // this silo already holds.
        var provider = providers.FirstOrDefault(p => _metadata.GetStatus(p.Id)?.KeySet is not null) ?? providers[0];
        IReadOnlyList<SecurityKey> keys;
        try
        {
            keys = await _metadata.GetSigningKeysAsync(ProviderMetadataSources.MetadataSource(provider), jwt.Kid, cancellationToken);
        }
        catch (IdentityProviderMetadataException e)
        {
            GatewayLog.SigningKeysUnavailable(_logger, e, provider.Id);
            return Refused(TokenRejectionReasons.SigningKeysUnavailable, issuer, provider.Id);
        }

        if (keys.Count == 0)
        {
            return Refused(TokenRejectionReasons.UnknownSigningKey, issuer, provider.Id);
        }

        var reason = await TokenSignatureValidator.ValidateAsync(jwt, provider.Discovery!.Issuer, keys, _options.ClockSkew, _clock);
        if (reason is not null)
        {
            return Refused(reason, issuer, provider.Id, reason == TokenRejectionReasons.Expired ? ExpiryOf(jwt) : null);
        }

        var verified = new VerifiedToken(
            issuer,
            [.. providers.Select(p => p.Id)],
            TokenClaims.ClientIdOf(jwt),
            TokenClaims.ScopesOf(jwt, includeRoles: providers.Any(p => p.Kind == ProviderKind.Entra)),
            TokenClaims.AudienceOf(jwt),
            ExpiryOf(jwt)!.Value);
        _verified.Set(token!, verified, verified.ExpiresAt + _options.ClockSkew);
        return await AnswerAsync(verified, catalog, cancellationToken);
    }

    /// <summary>The answer for a verified token: its claims, its application, and what its scopes grant in the catalogue now.</summary>
    private async Task<TokenVerificationResult> AnswerAsync(VerifiedToken token, CatalogSnapshot catalog, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        if (token.Answer is { } answer && answer.CatalogVersion == catalog.Version && now < answer.RecheckApplicationAt)
        {
            return answer.Result;
        }

        var (applicationId, owner) = token.ClientId is null
            ? default
            : await _applications.FindAsync(token.ProviderIds, token.ClientId, cancellationToken);
        var result = new TokenVerificationResult(
            Valid: true,
            Reason: null,
            Issuer: token.Issuer,
            ProviderId: owner ?? token.ProviderIds[0],
            ClientId: token.ClientId,
            Scopes: token.Scopes,
            ExpiresAt: token.ExpiresAt,
            ApplicationId: applicationId,
            ProductIds: CatalogScopeMatcher.MatchProducts(catalog, token.ScopeSet, token.ProviderIds),
            PlanIds: CatalogScopeMatcher.MatchPlans(catalog, token.ScopeSet, token.ProviderIds),
            Audience: token.Audience);
        // A deleted client's application stops being named within twice ApplicationLookupTimeToLive: this answer's
        // lifetime, plus that of the lookup it came from.
        var recheckAfter = applicationId is null ? _options.MissingApplicationTimeToLive : _options.ApplicationLookupTimeToLive;
        token.Answer = new VerifiedAnswer(result, catalog.Version, now + recheckAfter);
        return result;
    }

    private TokenVerificationResult Refused(string reason, string? issuer = null, string? providerId = null, DateTimeOffset? expiresAt = null)
    {
        GatewayLog.TokenRefused(_logger, reason, providerId);
        return new TokenVerificationResult(false, reason, issuer, providerId, null, [], expiresAt, null, [], [], []);
    }

    private static DateTimeOffset? ExpiryOf(JsonWebToken jwt) =>
        jwt.ValidTo == DateTime.MinValue ? null : new DateTimeOffset(DateTime.SpecifyKind(jwt.ValidTo, DateTimeKind.Utc));

    private static bool SameProviders(ImmutableArray<ProviderView> current, ImmutableArray<string> known)
    {
        if (current.Length != known.Length)
        {
            return false;
        }

        for (var i = 0; i < known.Length; i++)
        {
            if (!string.Equals(current[i].Id, known[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
