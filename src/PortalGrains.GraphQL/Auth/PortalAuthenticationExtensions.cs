using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace PortalGrains.GraphQL.Auth;

public static class PortalAuthenticationExtensions
{
    /// <summary>The authentication scheme of the portal users' login tokens.</summary>
    public const string Scheme = JwtBearerDefaults.AuthenticationScheme;

    /// <summary>Signature algorithms accepted on login tokens: asymmetric only (RFC 7518 §3.1), never <c>none</c> or HMAC.</summary>
    private static readonly string[] AcceptedAlgorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    /// <summary>
    /// JWT bearer authentication of portal users against the login identity provider named by <c>Portal:Auth</c>.
    /// The signing keys come from the Authority's discovery document and JWKS (fetched and cached by JwtBearer,
    /// refreshed when a token names an unknown key). The section is validated when the host starts: an unusable
    /// configuration stops it with an <see cref="OptionsValidationException"/> whose message says what to set.
    /// </summary>
    public static IServiceCollection AddPortalAuthentication(this IServiceCollection services, IHostEnvironment environment)
    {
        var setup = new PortalAuthOptionsSetup(environment.IsDevelopment());
        services.AddOptions<PortalAuthOptions>()
            .BindConfiguration(PortalAuthOptions.SectionName)
            .ValidateOnStart();
        services.AddSingleton<IPostConfigureOptions<PortalAuthOptions>>(setup);
        services.AddSingleton<IValidateOptions<PortalAuthOptions>>(setup);

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ValidatedLoginTokenCache>();
        services.AddAuthentication(Scheme).AddJwtBearer(Scheme, _ => { });
        services.AddOptions<JwtBearerOptions>(Scheme).Configure<IOptions<PortalAuthOptions>, ValidatedLoginTokenCache>((jwt, portalOptions, validated) =>
        {
            var portal = portalOptions.Value;
            jwt.Authority = portal.Authority;
            jwt.Audience = portal.Audience;
            jwt.RequireHttpsMetadata = portal.RequireHttpsMetadata ?? true;
            // Keep the JWT claim names (sub, scope, roles) instead of the WS-* URIs JwtBearer maps them to.
            jwt.MapInboundClaims = false;
            jwt.SaveToken = false;
            jwt.BackchannelTimeout = TimeSpan.FromSeconds(10);
            jwt.TokenValidationParameters = new TokenValidationParameters
            {
                ValidateIssuer = true,
                ValidateAudience = portal.Audience is not null,
                ValidAudience = portal.Audience,
                ValidateLifetime = true,
                RequireExpirationTime = true,
                RequireSignedTokens = true,
                ValidateIssuerSigningKey = true,
                ValidAlgorithms = AcceptedAlgorithms,
                ClockSkew = portal.ClockSkew,
                NameClaimType = PortalClaims.Subject,
                RoleClaimType = "roles",
            };
            jwt.Events = new JwtBearerEvents
            {
                OnMessageReceived = context =>
                {
                    if (BearerToken(context.Request) is { } token && validated.TryGet(token, out var principal))
                    {
                        context.Principal = principal;
                        context.Success();
                    }

                    return Task.CompletedTask;
                },
                OnTokenValidated = context =>
                {
                    if (BearerToken(context.Request) is { } token && context.Principal is { } principal)
                    {
                        validated.Add(token, principal);
                    }

                    return Task.CompletedTask;
                },
            };
        });

        return services;
    }

    /// <summary>The token of an <c>Authorization: Bearer</c> header, read as JwtBearer reads it.</summary>
    private static string? BearerToken(HttpRequest request)
    {
        const string prefix = "Bearer ";
        string? header = request.Headers.Authorization;
        return header is not null && header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && header.Length > prefix.Length
            ? header[prefix.Length..].Trim()
            : null;
    }
}
