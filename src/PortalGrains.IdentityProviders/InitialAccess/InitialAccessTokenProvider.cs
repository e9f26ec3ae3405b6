using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Duende.IdentityModel.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PortalGrains.IdentityProviders.Errors;
using PortalGrains.IdentityProviders.Http;

namespace PortalGrains.IdentityProviders.InitialAccess;

/// <summary>
/// Supplies the Bearer token of registration calls: a static initial access token as it is, or an access token
/// obtained with a client_credentials grant, cached until shortly before it expires. Concurrent callers for the
/// same credentials share one token request (single flight).
/// </summary>
public sealed class InitialAccessTokenProvider(
    TimeProvider timeProvider,
    InitialAccessTokenOptions options,
    ILogger<InitialAccessTokenProvider> logger)
{
    private readonly ConcurrentDictionary<string, CacheEntry> cache = new(StringComparer.Ordinal);

    public InitialAccessTokenProvider()
        : this(TimeProvider.System, new InitialAccessTokenOptions(), NullLogger<InitialAccessTokenProvider>.Instance)
    {
    }

    /// <summary>
    /// The Bearer token for <paramref name="credentials"/>, or null for open registration. Okta and Auth0 credentials
    /// are not Bearer initial access tokens: their drivers use <see cref="GetClientCredentialsTokenAsync"/> or
    /// their own header.
    /// </summary>
    /// <param name="http">The HttpClient for this identity provider.</param>
    /// <param name="credentials">The provider's credentials.</param>
    /// <param name="tokenEndpoint">The token endpoint to use when the credentials do not name one.</param>
    /// <param name="singleUse">The identity provider accepts each token once (Curity): never reuse a cached one.</param>
    /// <param name="cancellationToken">Cancels the wait and the token request.</param>
    public async ValueTask<string?> GetBearerTokenAsync(
        HttpClient http,
        ProviderCredentials credentials,
        Uri tokenEndpoint,
        bool singleUse = false,
        CancellationToken cancellationToken = default) =>
        credentials switch
        {
            NoProviderCredentials => null,
            StaticInitialAccessToken token => token.Token,
            ClientCredentialsGrant grant => await GetClientCredentialsTokenAsync(
                http, grant, tokenEndpoint, singleUse, cancellationToken).ConfigureAwait(false),
            _ => throw new ArgumentException(
                $"{credentials.GetType().Name} does not provide a Bearer initial access token.", nameof(credentials)),
        };

    public async ValueTask<string> GetClientCredentialsTokenAsync(
        HttpClient http,
        ClientCredentialsGrant grant,
        Uri tokenEndpoint,
        bool singleUse = false,
        CancellationToken cancellationToken = default)
    {
        var endpoint = grant.TokenEndpoint ?? tokenEndpoint;
        if (singleUse)
        {
            return (await RequestAsync(http, grant, endpoint, cancellationToken).ConfigureAwait(false)).Value;
        }

        var entry = cache.GetOrAdd(CacheKey(grant, endpoint), static _ => new CacheEntry());
        if (entry.Token is { } fresh && IsFresh(fresh))
        {
            return fresh.Value;
        }

        await entry.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // another caller may have fetched it while this one waited
            if (entry.Token is { } fetched && IsFresh(fetched))
            {
                return fetched.Value;
            }

            var token = await RequestAsync(http, grant, endpoint, cancellationToken).ConfigureAwait(false);
            entry.Token = token;
            return token.Value;
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    /// <summary>Forgets the cached token (after the identity provider refused it).</summary>
    public void Invalidate(ClientCredentialsGrant grant, Uri tokenEndpoint)
    {
        if (cache.TryGetValue(CacheKey(grant, grant.TokenEndpoint ?? tokenEndpoint), out var entry))
        {
            entry.Token = null;
        }
    }

    private bool IsFresh(CachedToken token) => timeProvider.GetUtcNow() < token.RefreshAt;

    private async Task<CachedToken> RequestAsync(
        HttpClient http, ClientCredentialsGrant grant, Uri endpoint, CancellationToken cancellationToken)
    {
        var scrubber = new SecretScrubber([grant.ClientSecret]);
        var request = new ClientCredentialsTokenRequest
        {
            Address = endpoint.AbsoluteUri,
            ClientId = grant.ClientId,
            ClientSecret = grant.ClientSecret,
            Scope = grant.Scope,
            ClientCredentialStyle = grant.SendCredentialsInBody
                ? ClientCredentialStyle.PostBody
                : ClientCredentialStyle.AuthorizationHeader,
        };
        if (grant.Audience is not null)
        {
            request.Parameters.Add("audience", grant.Audience);
        }

        var requestedAt = timeProvider.GetUtcNow();
        var response = await IdentityProviderHttp.RequestClientCredentialsTokenAsync(
                http, request, endpoint, IdentityProviderOperation.ObtainAccessToken, scrubber, cancellationToken)
            .ConfigureAwait(false);

        if (response.IsError || string.IsNullOrEmpty(response.AccessToken))
        {
            var status = (int)response.HttpStatusCode;
            if (status is >= 200 and < 300)
            {
                throw IdentityProviderErrors.InvalidResponse(
                    IdentityProviderOperation.ObtainAccessToken,
                    HttpMethod.Post,
                    endpoint,
                    status,
                    "the token response has no access_token",
                    response.Raw,
                    mayHaveActed: false,
                    scrubber);
            }

            var failure = IdentityProviderErrors.FromResponse(
                IdentityProviderOperation.ObtainAccessToken,
                HttpMethod.Post,
                endpoint,
                status,
                response.Raw,
                response.Json,
                RetryAfterHeader.Read(response.HttpResponse, timeProvider),
                mayHaveActed: false,
                scrubber);
            InitialAccessLog.TokenRequestFailed(logger, grant.ClientId, endpoint, failure.HttpStatus, failure.Error);
            throw failure;
        }

        var lifetime = response.ExpiresIn > 0 ? TimeSpan.FromSeconds(response.ExpiresIn) : options.LifetimeWhenUnknown;
        // never keep a token past half its lifetime when the lifetime is shorter than the refresh margin
        var margin = lifetime > options.RefreshBeforeExpiry * 2 ? options.RefreshBeforeExpiry : lifetime / 2;
        InitialAccessLog.TokenObtained(logger, grant.ClientId, endpoint, lifetime);
        return new CachedToken(response.AccessToken, requestedAt + lifetime - margin);
    }

    private static string CacheKey(ClientCredentialsGrant grant, Uri endpoint)
    {
        // the secret is part of the key (hashed) so that changed credentials never reuse a token
        var secretHash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(grant.ClientSecret)));
        return string.Join('\n', endpoint.AbsoluteUri, grant.ClientId, grant.Scope, grant.Audience, secretHash);
    }

    private sealed class CacheEntry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public volatile CachedToken? Token;
    }

    private sealed record CachedToken(string Value, DateTimeOffset RefreshAt)
    {
        public override string ToString() => $"CachedToken {{ RefreshAt = {RefreshAt} }}";
    }
}
