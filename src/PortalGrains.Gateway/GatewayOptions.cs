using PortalGrains.Configuration;

namespace PortalGrains.Gateway;

/// <summary>The <c>Portal:Gateway</c> section: token verification on each silo and the gateway exports.</summary>
public sealed class GatewayOptions : IProblemReportingOptions
{
    public const string SectionName = "Portal:Gateway";

    /// <summary>
    /// Tolerated difference between the identity provider's clock and this silo's for <c>exp</c> and <c>nbf</c>.
    /// Small on purpose: Tyk's <c>jwt_expires_at_validation_skew</c> and Kong's <c>leeway</c> default to 0.
    /// </summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How many successfully verified tokens each silo remembers (until their <c>exp</c>).</summary>
    public int VerifiedTokenCacheCapacity { get; set; } = 10_000;

    /// <summary>How long the issuer directory (issuer to providers) is used before it is read again in the background.</summary>
    public TimeSpan IssuerDirectoryTimeToLive { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A token from an issuer the directory does not know re-reads the directory only when it is at least this old,
    /// so tokens with made-up issuers cannot turn verification into a stream of grain calls.
    /// </summary>
    public TimeSpan UnknownIssuerRefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How many client-to-application lookups each silo remembers.</summary>
    public int ApplicationLookupCacheCapacity { get; set; } = 10_000;

    /// <summary>How long a client's application is remembered.</summary>
    public TimeSpan ApplicationLookupTimeToLive { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long "this client belongs to no application" is remembered.</summary>
    public TimeSpan MissingApplicationTimeToLive { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The Tyk policy applied when no scope maps to one (Tyk needs a default policy for scope mapping to work).</summary>
    public string TykDefaultPolicyId { get; set; } = "portal-default";

    /// <summary>Tyk's <c>jwt_signing_method</c>: <c>rsa</c> or <c>ecdsa</c> (one per API definition).</summary>
    public string TykSigningMethod { get; set; } = "rsa";

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (ClockSkew < TimeSpan.Zero || ClockSkew > TimeSpan.FromMinutes(5)) problems.Add("ClockSkew must be between 0 and 5 minutes");
        if (VerifiedTokenCacheCapacity < 1) problems.Add("VerifiedTokenCacheCapacity must be positive");
        if (IssuerDirectoryTimeToLive <= TimeSpan.Zero) problems.Add("IssuerDirectoryTimeToLive must be positive");
        if (UnknownIssuerRefreshInterval < TimeSpan.Zero) problems.Add("UnknownIssuerRefreshInterval must not be negative");
        if (ApplicationLookupCacheCapacity < 1) problems.Add("ApplicationLookupCacheCapacity must be positive");
        if (ApplicationLookupTimeToLive <= TimeSpan.Zero) problems.Add("ApplicationLookupTimeToLive must be positive");
        if (MissingApplicationTimeToLive < TimeSpan.Zero) problems.Add("MissingApplicationTimeToLive must not be negative");
        if (string.IsNullOrWhiteSpace(TykDefaultPolicyId)) problems.Add("TykDefaultPolicyId must not be empty");
        if (TykSigningMethod is not ("rsa" or "ecdsa")) problems.Add("TykSigningMethod must be rsa or ecdsa");
        return problems;
    }
}
