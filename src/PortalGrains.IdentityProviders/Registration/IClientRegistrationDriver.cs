namespace PortalGrains.IdentityProviders.Registration;

/// <summary>
/// Registers and manages OAuth clients at one kind of identity provider (RFC 7591 registration, RFC 7592 management,
/// or the vendor's own API).
/// Failures are <see cref="Errors.IdentityProviderException"/>s typed by what to do next.
/// Every answer may carry a new registration access token or secret: the returned <see cref="RegisteredClient"/>
/// holds the latest ones, and the caller must store it before it does anything else.
/// </summary>
public interface IClientRegistrationDriver
{
    IdentityProviderKind Kind { get; }

    /// <summary>Registers a new client. Not idempotent: the same request twice gives two clients.</summary>
    Task<RegisteredClient> RegisterAsync(
        IdentityProviderConnection provider, ClientRegistrationRequest request, CancellationToken cancellationToken = default);

    /// <summary>Reads the client as the identity provider holds it now.</summary>
    Task<RegisteredClient> ReadAsync(
        IdentityProviderConnection provider, RegisteredClient client, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the client's metadata with the full desired metadata (RFC 7592 §2.2) and returns what the identity
    /// provider returned. A client that should have no scopes left is deleted rather than updated: identity providers
    /// read a missing <c>scope</c> as "the default scopes".
    /// </summary>
    Task<RegisteredClient> UpdateAsync(
        IdentityProviderConnection provider,
        RegisteredClient client,
        ClientRegistrationRequest request,
        CancellationToken cancellationToken = default);

    /// <summary>Deletes the client; a client that is already gone is not an error.</summary>
    Task<ClientDeletionOutcome> DeleteAsync(
        IdentityProviderConnection provider, RegisteredClient client, CancellationToken cancellationToken = default);

    /// <summary>
    /// Gives the client a new secret, with the identity provider's rotation API where it has one, otherwise by
    /// registering a replacement client from <paramref name="request"/> (see <see cref="RotationResult.CallerMustDeletePreviousClient"/>).
    /// </summary>
    Task<RotationResult> RotateSecretAsync(
        IdentityProviderConnection provider,
        RegisteredClient client,
        ClientRegistrationRequest request,
        CancellationToken cancellationToken = default);
}
