using Microsoft.Extensions.Logging;

namespace PortalGrains.Gateway;

/// <summary>Log lines of token verification and the gateway exports. Tokens are never logged, only what was decided.</summary>
internal static partial class GatewayLog
{
    [LoggerMessage(1, LogLevel.Debug, "Token refused: {Reason} (provider {ProviderId})")]
    public static partial void TokenRefused(ILogger logger, string reason, string? providerId);

    [LoggerMessage(2, LogLevel.Warning, "Signing keys of provider {ProviderId} are unavailable; tokens of its issuer cannot be verified")]
    public static partial void SigningKeysUnavailable(ILogger logger, Exception exception, string providerId);

    [LoggerMessage(3, LogLevel.Debug, "Issuer directory read: {ProviderCount} providers, {IssuerCount} issuers")]
    public static partial void DirectoryRefreshed(ILogger logger, int providerCount, int issuerCount);

    [LoggerMessage(4, LogLevel.Warning, "Issuer directory could not be read; the previous copy stays in use")]
    public static partial void DirectoryRefreshFailed(ILogger logger, Exception exception);

    [LoggerMessage(5, LogLevel.Warning, "Provider {ProviderId} could not be read for the issuer directory; its previous entry stays in use")]
    public static partial void DirectoryProviderFailed(ILogger logger, Exception exception, string providerId);

    [LoggerMessage(6, LogLevel.Warning, "Scope {Scope} maps to several gateway policies ({PolicyIds}); the Tyk export maps it to {Applied}")]
    public static partial void ScopeMapsToSeveralPolicies(ILogger logger, string scope, string policyIds, string applied);

    [LoggerMessage(7, LogLevel.Warning, "The application of a client at provider {ProviderId} could not be looked up")]
    public static partial void ApplicationLookupFailed(ILogger logger, Exception exception, string providerId);
}
