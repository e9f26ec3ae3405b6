namespace PortalGrains.IdentityProviders.Errors;

/// <summary>The call to an identity provider that failed.</summary>
public enum IdentityProviderOperation
{
    Register,
    Read,
    Update,
    Delete,
    RotateSecret,

    /// <summary>Obtaining the token that authorizes registration or management calls (client_credentials grant).</summary>
    ObtainAccessToken,
}
