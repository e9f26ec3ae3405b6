namespace PortalGrains.GraphQL.Auth;

/// <summary>The <c>Portal:Auth</c> configuration section: who issues the portal users' login tokens and what marks an admin.</summary>
public sealed class PortalAuthOptions
{
    public const string SectionName = "Portal:Auth";

    /// <summary>The development OpenID provider (deploy/dev-idp), the default Authority in Development.</summary>
    public const string DevelopmentAuthority = "http://127.0.0.1:9010";

    /// <summary>Issuer of the portal users' tokens; its discovery document names the JWKS. Required outside Development.</summary>
    public string? Authority { get; set; }

    /// <summary>
    /// The expected <c>aud</c>: a token without it is refused. Required outside Development unless
    /// <see cref="AllowAnyAudience"/> is set, since any token of the same issuer (meant for any other API) would
    /// otherwise be a portal login.
    /// </summary>
    public string? Audience { get; set; }

    /// <summary>
    /// Accept tokens of the Authority whatever their <c>aud</c> when <see cref="Audience"/> is not set. Only for an
    /// issuer that mints tokens for the portal alone; outside Development it must be said explicitly.
    /// </summary>
    public bool AllowAnyAudience { get; set; }

    /// <summary>
    /// Whether the discovery document and JWKS must be fetched over HTTPS. Not set: true, except for a loopback
    /// Authority in Development. False is accepted only for a loopback Authority.
    /// </summary>
    public bool? RequireHttpsMetadata { get; set; }

    /// <summary>A token whose <c>scope</c> (or <c>scp</c>) contains this value is an admin's.</summary>
    public string AdminScope { get; set; } = "portal:admin";

    /// <summary>A token whose role claim (<c>roles</c>, <c>role</c>) contains this value is an admin's.</summary>
    public string AdminRole { get; set; } = "portal-admin";

    /// <summary>Tolerated clock difference when checking <c>exp</c> and <c>nbf</c>.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long a login token, once validated, is accepted again without checking its signature: until it expires,
    /// but never longer than this (a signing key withdrawn from the login IdP's JWKS stops being honoured within it).
    /// Zero turns the cache off.
    /// </summary>
    public TimeSpan ValidatedTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Validated login tokens kept at most (each as a SHA-256 digest and the user it names).</summary>
    public int ValidatedTokenCacheSize { get; set; } = 10_000;
}
