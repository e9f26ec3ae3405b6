namespace PortalGrains.IntegrationTests.Faults;

/// <summary>
/// The dev IdP's RFC 7591 registration endpoint and RFC 7592 client configuration endpoints: oidc-provider's default
/// routes, POST /reg and GET, PUT, DELETE /reg/{clientId} (deploy/dev-idp/src/admin.js classifies them the same way).
/// </summary>
public static class DevIdpRegistrationRoutes
{
    public const string RegistrationPath = "/reg";

    private const string ClientPathPrefix = RegistrationPath + "/";

    /// <summary>
    /// A <see cref="FaultRule"/> path that matches every registration-endpoint call (and any other path that starts
    /// with /reg, of which the dev IdP has none).
    /// </summary>
    public const string AnyRegistrationPath = RegistrationPath + "*";

    public static bool IsRegistrationCall(string method, string path) =>
        (path == RegistrationPath && string.Equals(method, "POST", StringComparison.OrdinalIgnoreCase))
        || ClientIdInPath(path) is not null;

    /// <summary>The client id of a client configuration endpoint path (/reg/{clientId}), or null for any other path.</summary>
    public static string? ClientIdInPath(string path) =>
        path.StartsWith(ClientPathPrefix, StringComparison.Ordinal)
        && path.Length > ClientPathPrefix.Length
        && path.IndexOf('/', ClientPathPrefix.Length) < 0
            ? Uri.UnescapeDataString(path[ClientPathPrefix.Length..])
            : null;
}
