using System.Globalization;
using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PortalGrains.GraphQL.Auth;

namespace PortalGrains.GraphQL.Tests.Auth;

public sealed class ValidatedLoginTokenCacheTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_validated_token_is_known_until_it_expires()
    {
        var cache = Cache();
        cache.Add("token-a", Principal(expiresIn: TimeSpan.FromMinutes(2)));

        Assert.True(cache.TryGet("token-a", out var principal));
        Assert.Equal("ada", principal.FindFirst("sub")?.Value);
        Assert.False(cache.TryGet("token-b", out _));

        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.False(cache.TryGet("token-a", out _));
    }

    [Fact]
    public void A_long_lived_token_is_checked_again_after_the_configured_lifetime()
    {
        var cache = Cache(lifetime: TimeSpan.FromMinutes(5));
        cache.Add("token-a", Principal(expiresIn: TimeSpan.FromHours(8)));

        _clock.Advance(TimeSpan.FromMinutes(4));
        Assert.True(cache.TryGet("token-a", out _));
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.False(cache.TryGet("token-a", out _));
    }

    [Fact]
    public void Tokens_without_an_expiry_or_already_expired_are_not_kept()
    {
        var cache = Cache();
        cache.Add("no-exp", new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "ada")], "test")));
        cache.Add("expired", Principal(expiresIn: TimeSpan.FromSeconds(-30)));

        Assert.False(cache.TryGet("no-exp", out _));
        Assert.False(cache.TryGet("expired", out _));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void A_full_cache_makes_room_only_by_dropping_expired_tokens()
    {
        var cache = Cache(capacity: 2);
        cache.Add("short", Principal(expiresIn: TimeSpan.FromSeconds(30)));
        cache.Add("long", Principal(expiresIn: TimeSpan.FromMinutes(3)));
        cache.Add("refused-while-full", Principal(expiresIn: TimeSpan.FromMinutes(3)));

        _clock.Advance(TimeSpan.FromMinutes(1));
        cache.Add("after-sweep", Principal(expiresIn: TimeSpan.FromMinutes(3)));

        Assert.False(cache.TryGet("refused-while-full", out _));
        Assert.True(cache.TryGet("long", out _));
        Assert.True(cache.TryGet("after-sweep", out _));
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public void A_zero_lifetime_turns_the_cache_off()
    {
        var cache = Cache(lifetime: TimeSpan.Zero);
        cache.Add("token-a", Principal(expiresIn: TimeSpan.FromMinutes(2)));

        Assert.False(cache.TryGet("token-a", out _));
    }

    private ValidatedLoginTokenCache Cache(TimeSpan? lifetime = null, int capacity = 100) =>
        new(Options.Create(new PortalAuthOptions { ValidatedTokenLifetime = lifetime ?? TimeSpan.FromMinutes(5), ValidatedTokenCacheSize = capacity }), _clock);

    private ClaimsPrincipal Principal(TimeSpan expiresIn)
    {
        var exp = (_clock.GetUtcNow() + expiresIn).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "ada"), new Claim("exp", exp)], "test"));
    }
}
