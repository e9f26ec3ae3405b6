namespace PortalGrains.IdentityProviders.Vendors;

/// <summary>An app role assignment of a client's service principal on the API: its id and the scope (role value) it grants.</summary>
internal sealed record EntraAssignment(string Id, string Scope);
