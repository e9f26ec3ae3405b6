using PortalGrains.IdentityProviders.Errors;

namespace PortalGrains.IdentityProviders.Vendors;

/// <summary>The API's service principal in an Entra ID tenant and its app roles for applications: role value (the scope) to role id.</summary>
internal sealed record EntraApiRoles(string ServicePrincipalId, IReadOnlyDictionary<string, string> Roles)
{
    /// <summary>The role id of each scope; a scope that is no app role of the API is refused before anything is changed.</summary>
    public IReadOnlyDictionary<string, string> RoleIdsOf(IReadOnlyList<string> scopes, IdentityProviderOperation operation)
    {
        var unknown = scopes.Where(scope => !Roles.ContainsKey(scope)).Distinct(StringComparer.Ordinal).ToArray();
        if (unknown.Length > 0)
        {
            throw new IdentityProviderException(
                IdentityProviderErrorKind.Permanent, operation, IdentityProviderMessages.InvalidScope,
                $"The API's app registration has no enabled app role for applications with the value {string.Join(", ", unknown.Select(s => $"\"{s}\""))}; "
                + "add an app role (allowed member types: Applications) per product and plan scope.",
                error: "invalid_scope");
        }

        return scopes.Distinct(StringComparer.Ordinal).ToDictionary(scope => scope, scope => Roles[scope], StringComparer.Ordinal);
    }
}
