namespace PortalGrains.IdentityProviders.Registration;

/// <summary>A client found at an identity provider with a portal application's tag; no secrets.</summary>
/// <param name="ClientId">The identity provider's client id.</param>
/// <param name="ClientName">The client's name as the identity provider holds it.</param>
public sealed record TaggedClient(string ClientId, string? ClientName);
