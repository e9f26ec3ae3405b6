using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace PortalGrains.GraphQL.Auth;

/// <summary>
/// Login tokens this silo has validated, so that a front end sending the same token with every request pays for
/// the signature check once rather than per request. A token is kept under its SHA-256 digest (the token itself is
/// not held) until its <c>exp</c>, and at most <see cref="PortalAuthOptions.ValidatedTokenLifetime"/>. Only tokens
/// that passed every check are kept; a refused token is checked again each time. JwtBearer consults it through its
/// events (see <see cref="PortalAuthenticationExtensions"/>), so every reader of the request's authentication gains.
/// </summary>
public sealed class ValidatedLoginTokenCache(IOptions<PortalAuthOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<TokenDigest, Entry> _entries = new();
    private readonly TimeSpan _lifetime = options.Value.ValidatedTokenLifetime;
    private readonly int _capacity = options.Value.ValidatedTokenCacheSize;
    private long _lastSweep;

    public int Count => _entries.Count;

    private bool Enabled => _lifetime > TimeSpan.Zero && _capacity > 0;

    public bool TryGet(string token, [NotNullWhen(true)] out ClaimsPrincipal? principal)
    {
        if (Enabled && _entries.TryGetValue(Digest(token), out var entry) && clock.GetUtcNow() < entry.ValidUntil)
        {
            principal = entry.Principal;
            return true;
        }

        principal = null;
        return false;
    }

    /// <summary>Keeps a token that has just been validated; one without a readable <c>exp</c> is not kept.</summary>
    public void Add(string token, ClaimsPrincipal principal)
    {
        if (!Enabled || ExpiresAt(principal) is not { } expiresAt)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var validUntil = expiresAt < now + _lifetime ? expiresAt : now + _lifetime;
        if (validUntil <= now)
        {
            return;
        }

        if (_entries.Count >= _capacity && !TrySweep(now))
        {
            return;
        }

        _entries[Digest(token)] = new Entry(principal, validUntil);
    }

    /// <summary>Drops the expired entries, at most once per interval; whether there is room afterwards.</summary>
    private bool TrySweep(DateTimeOffset now)
    {
        var last = Interlocked.Read(ref _lastSweep);
        if (now.UtcTicks - last >= SweepInterval.Ticks && Interlocked.CompareExchange(ref _lastSweep, now.UtcTicks, last) == last)
        {
            foreach (var (digest, entry) in _entries)
            {
                if (entry.ValidUntil <= now)
                {
                    _entries.TryRemove(digest, out _);
                }
            }
        }

        return _entries.Count < _capacity;
    }

    private static DateTimeOffset? ExpiresAt(ClaimsPrincipal principal) =>
        long.TryParse(principal.FindFirst("exp")?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    private static TokenDigest Digest(string token)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        var length = Encoding.UTF8.GetMaxByteCount(token.Length);
        var utf8 = length <= 4096 ? stackalloc byte[length] : new byte[length];
        SHA256.HashData(utf8[..Encoding.UTF8.GetBytes(token, utf8)], hash);
        var halves = MemoryMarshal.Cast<byte, UInt128>(hash);
        return new TokenDigest(halves[0], halves[1]);
    }

    private readonly record struct TokenDigest(UInt128 First, UInt128 Second);

    private sealed record Entry(ClaimsPrincipal Principal, DateTimeOffset ValidUntil);
}
