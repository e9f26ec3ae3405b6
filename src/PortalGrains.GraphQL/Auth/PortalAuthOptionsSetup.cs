using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace PortalGrains.GraphQL.Auth;

/// <summary>
/// Fills in the environment-dependent defaults of <see cref="PortalAuthOptions"/> and checks the section at start-up,
/// so that a missing or unusable Authority, or a missing Audience outside Development, stops the host with one line that says what to set.
/// </summary>
public sealed class PortalAuthOptionsSetup(bool isDevelopment) : IPostConfigureOptions<PortalAuthOptions>, IValidateOptions<PortalAuthOptions>
{
    public void PostConfigure(string? name, PortalAuthOptions options)
    {
        options.Authority = string.IsNullOrWhiteSpace(options.Authority)
            ? (isDevelopment ? PortalAuthOptions.DevelopmentAuthority : null)
            : options.Authority.Trim();
        options.Audience = string.IsNullOrWhiteSpace(options.Audience) ? null : options.Audience.Trim();
        options.RequireHttpsMetadata ??= !(isDevelopment && IsLoopback(options.Authority));
    }

    public ValidateOptionsResult Validate(string? name, PortalAuthOptions options)
    {
        if (options.Authority is null)
        {
            return ValidateOptionsResult.Fail(
                "Portal:Auth:Authority is not set: set it to the issuer of the portal users' login tokens (environment variable Portal__Auth__Authority); only Development defaults to the dev IdP at " +
                PortalAuthOptions.DevelopmentAuthority + ".");
        }

        if (!Uri.TryCreate(options.Authority, UriKind.Absolute, out var authority) ||
            (authority.Scheme != Uri.UriSchemeHttps && authority.Scheme != Uri.UriSchemeHttp))
        {
            return ValidateOptionsResult.Fail($"Portal:Auth:Authority must be an absolute http(s) URL; it is '{options.Authority}'.");
        }

        var requireHttps = options.RequireHttpsMetadata ?? true;
        if (!requireHttps && !IsLoopback(options.Authority))
        {
            return ValidateOptionsResult.Fail(
                $"Portal:Auth:RequireHttpsMetadata=false is accepted only for a loopback Authority (127.0.0.1, ::1, localhost); {options.Authority} is not one: use https.");
        }

        if (requireHttps && authority.Scheme != Uri.UriSchemeHttps)
        {
            return ValidateOptionsResult.Fail(
                $"Portal:Auth:Authority {options.Authority} is not https while Portal:Auth:RequireHttpsMetadata is true: use https, or for a loopback dev IdP set Portal:Auth:RequireHttpsMetadata=false.");
        }

        if (options.Audience is null && !options.AllowAnyAudience && !isDevelopment)
        {
            return ValidateOptionsResult.Fail(
                "Portal:Auth:Audience is not set: set it to the aud of the portal users' login tokens (environment variable Portal__Auth__Audience), or set Portal:Auth:AllowAnyAudience=true to accept every token of " +
                options.Authority + " whatever API it was issued for.");
        }

        if (string.IsNullOrWhiteSpace(options.AdminScope) || string.IsNullOrWhiteSpace(options.AdminRole))
        {
            return ValidateOptionsResult.Fail("Portal:Auth:AdminScope and Portal:Auth:AdminRole must not be empty.");
        }

        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromMinutes(10))
        {
            return ValidateOptionsResult.Fail("Portal:Auth:ClockSkew must be between 00:00:00 and 00:10:00.");
        }

        if (options.ValidatedTokenLifetime < TimeSpan.Zero || options.ValidatedTokenLifetime > TimeSpan.FromHours(1))
        {
            return ValidateOptionsResult.Fail("Portal:Auth:ValidatedTokenLifetime must be between 00:00:00 (no cache) and 01:00:00.");
        }

        if (options.ValidatedTokenCacheSize < 0)
        {
            return ValidateOptionsResult.Fail("Portal:Auth:ValidatedTokenCacheSize must not be negative.");
        }

        return ValidateOptionsResult.Success;
    }

    internal static bool IsLoopback(string? url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return false;
        }

        return uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
    }
}
