namespace PortalGrains.IdentityProviders.Registration;

/// <summary>
/// An optional capability of a driver whose identity provider can list its clients with the credentials the portal
/// already uses for registration (Okta's client API, Auth0's Management API). It finds the clients tagged with a portal
/// application (see <see cref="PortalClientTag"/>), e.g. one created by a registration whose answer was lost.
/// RFC 7591/7592 define no search, so the generic driver does not offer it.
/// </summary>
public interface ITaggedClientSearch
{
    /// <summary>
    /// The clients the identity provider holds whose portal tag names <paramref name="applicationId"/>, and only those.
    /// A read: a failure is <see cref="Errors.IdentityProviderErrorKind.Transient"/> where retrying may help, never
    /// Uncertain.
    /// </summary>
    /// <param name="provider">The connection to the identity provider.</param>
    /// <param name="applicationId">The portal application whose clients are wanted.</param>
    /// <param name="clientName">The tagged client name the application's clients are registered with
    /// (<see cref="PortalClientTag.ClientName(string, string)"/>); identity providers that search by name use it to
    /// narrow the listing.</param>
    /// <param name="cancellationToken">Cancels the search.</param>
    /// <exception cref="Errors.IdentityProviderException">The identity provider refused the listing or could not be reached.</exception>
    Task<IReadOnlyList<TaggedClient>> FindClientsOfApplicationAsync(
        IdentityProviderConnection provider, string applicationId, string clientName, CancellationToken cancellationToken = default);
}
