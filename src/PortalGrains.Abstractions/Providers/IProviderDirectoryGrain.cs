using System.Collections.Immutable;

namespace PortalGrains.Abstractions.Providers;

/// <summary>The ids of all providers (a short, admin-only list). Key: <see cref="Key"/>.</summary>
[Alias("PortalGrains.Providers.IProviderDirectoryGrain")]
public interface IProviderDirectoryGrain : IGrainWithStringKey
{
    const string Key = "all";

    [Alias("List")]
    Task<ImmutableArray<string>> ListAsync(CancellationToken cancellationToken = default);

    [Alias("Add")]
    Task AddAsync(string providerId, CancellationToken cancellationToken = default);

    [Alias("Remove")]
    Task RemoveAsync(string providerId, CancellationToken cancellationToken = default);
}
