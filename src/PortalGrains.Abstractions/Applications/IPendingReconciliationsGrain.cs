using System.Collections.Immutable;

namespace PortalGrains.Abstractions.Applications;

/// <summary>
/// The applications with identity provider work still to do (retries, clean-up), so that it resumes after a restart.
/// Written only when an application starts or finishes having pending work. Key: <see cref="Key"/>.
/// </summary>
[Alias("PortalGrains.Applications.IPendingReconciliationsGrain")]
public interface IPendingReconciliationsGrain : IGrainWithStringKey
{
    const string Key = "all";

    [Alias("Add")]
    Task AddAsync(string applicationId, CancellationToken cancellationToken = default);

    [Alias("Remove")]
    Task RemoveAsync(string applicationId, CancellationToken cancellationToken = default);

    [Alias("List")]
    Task<ImmutableArray<string>> ListAsync(CancellationToken cancellationToken = default);
}
