namespace PortalGrains.Abstractions.Applications;

/// <summary>
/// Which application a client at an identity provider belongs to, so that a token's client id leads back to its
/// application. Keyed by <see cref="KeyOf"/>.
/// </summary>
[Alias("PortalGrains.Applications.IClientOwnershipGrain")]
public interface IClientOwnershipGrain : IGrainWithStringKey
{
    static string KeyOf(string providerId, string clientId) => $"{providerId}|{clientId}";

    [Alias("Get")]
    Task<string?> GetApplicationIdAsync(CancellationToken cancellationToken = default);

    [Alias("Set")]
    Task SetApplicationIdAsync(string applicationId, CancellationToken cancellationToken = default);

    [Alias("Clear")]
    Task ClearAsync(CancellationToken cancellationToken = default);
}
