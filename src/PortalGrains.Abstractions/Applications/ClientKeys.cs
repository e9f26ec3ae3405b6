namespace PortalGrains.Abstractions.Applications;

/// <summary>
/// How an application's clients prove who they are without a shared secret: the JWK Set URL of a private_key_jwt client
/// (sent as jwks_uri), and the certificate subject DN of a tls_client_auth client (RFC 8705, sent as
/// tls_client_auth_subject_dn). In an update a null member stays as it is and an empty one is removed.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ClientKeys(
    [property: Id(0)] string? JwksUri,
    [property: Id(1)] string? TlsClientAuthSubjectDn)
{
    public static readonly ClientKeys None = new(null, null);
}
