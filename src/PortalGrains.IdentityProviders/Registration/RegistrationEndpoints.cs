namespace PortalGrains.IdentityProviders.Registration;

/// <summary>
/// Where the identity provider is, as the caller resolved it from the discovery document or the admin's overrides.
/// </summary>
/// <param name="Issuer">The issuer identifier.</param>
/// <param name="RegistrationEndpoint">The RFC 7591 registration endpoint, when known (drivers that can derive it do so when null).</param>
/// <param name="TokenEndpoint">The token endpoint (initial access tokens, confirmation that a client is gone).</param>
public sealed record RegistrationEndpoints(Uri Issuer, Uri? RegistrationEndpoint, Uri TokenEndpoint);
