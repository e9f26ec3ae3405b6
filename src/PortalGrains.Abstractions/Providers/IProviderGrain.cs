using System.Collections.Immutable;
using PortalGrains.Abstractions.Common;

namespace PortalGrains.Abstractions.Providers;

/// <summary>One identity provider's settings, encrypted credentials and discovery state. Keyed by provider id.</summary>
[Alias("PortalGrains.Providers.IProviderGrain")]
public interface IProviderGrain : IGrainWithStringKey
{
    [Alias("Get")]
    Task<ProviderView?> GetAsync(CancellationToken cancellationToken = default);

    [Alias("Upsert")]
    Task<CommandResult<ProviderView>> UpsertAsync(ProviderUpsert settings, Caller caller, CancellationToken cancellationToken = default);

    /// <summary>Deletes the provider; refused while products use it.</summary>
    [Alias("Delete")]
    Task<CommandResult<string>> DeleteAsync(Caller caller, CancellationToken cancellationToken = default);

    /// <summary>Fetches discovery and JWKS and obtains the initial access token, reporting each step.</summary>
    [Alias("TestConnection")]
    Task<ImmutableArray<ConnectionCheckStep>> TestConnectionAsync(CancellationToken cancellationToken = default);

    /// <summary>For application grains: the settings and encrypted credentials to call the identity provider with.</summary>
    [Alias("GetConnection")]
    Task<ProviderConnectionSettings?> GetConnectionAsync(CancellationToken cancellationToken = default);
}
