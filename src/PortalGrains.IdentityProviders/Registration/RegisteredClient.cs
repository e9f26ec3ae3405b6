using System.Text;

namespace PortalGrains.IdentityProviders.Registration;

/// <summary>
/// A client as the identity provider holds it, from its latest answer (RFC 7591 §3.2.1: the identity provider may
/// replace or drop requested metadata, so <see cref="Metadata"/> is what it returned, not what was sent).
/// ToString() never prints <see cref="ClientSecret"/> or <see cref="RegistrationAccessToken"/>.
/// </summary>
public sealed record RegisteredClient
{
    public required string ClientId { get; init; }

    /// <summary>Secret. Null for public clients, and for identity providers that show it only once.</summary>
    public string? ClientSecret { get; init; }

    /// <summary>When the secret expires; null when it never does (RFC 7591 §3.2.1: 0 means never) or is not said.</summary>
    public DateTimeOffset? ClientSecretExpiresAt { get; init; }

    public DateTimeOffset? ClientIdIssuedAt { get; init; }

    /// <summary>Secret (RFC 7592 §3). May change on any management call: always keep the latest one.</summary>
    public string? RegistrationAccessToken { get; init; }

    /// <summary>RFC 7592 client configuration endpoint; null where the vendor API addresses clients itself.</summary>
    public Uri? RegistrationClientUri { get; init; }

    public required ClientMetadata Metadata { get; init; }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("ClientId = ").Append(ClientId)
            .Append(", ClientSecret = ").Append(ClientSecret is null ? "(none)" : "(set)")
            .Append(", ClientSecretExpiresAt = ").Append(ClientSecretExpiresAt)
            .Append(", ClientIdIssuedAt = ").Append(ClientIdIssuedAt)
            .Append(", RegistrationAccessToken = ").Append(RegistrationAccessToken is null ? "(none)" : "(set)")
            .Append(", RegistrationClientUri = ").Append(RegistrationClientUri)
            .Append(", Metadata = ").Append(Metadata);
        return true;
    }
}
