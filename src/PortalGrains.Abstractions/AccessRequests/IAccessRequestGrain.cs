using Orleans.Concurrency;
using PortalGrains.Abstractions.Applications;
using PortalGrains.Abstractions.Common;

namespace PortalGrains.Abstractions.AccessRequests;

/// <summary>One access request's status machine. Decisions are idempotent here.</summary>
[Alias("PortalGrains.AccessRequests.IAccessRequestGrain")]
public interface IAccessRequestGrain : IGrainWithStringKey
{
    [Alias("Create")]
    Task<AccessRequestView> CreateAsync(AccessRequestDraft draft, CancellationToken cancellationToken = default);

    [Alias("Get")]
    Task<AccessRequestView?> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>Starts provisioning and returns once the first attempt finished; approving again changes nothing.</summary>
    [Alias("Approve")]
    Task<CommandResult<AccessRequestView>> ApproveAsync(Caller caller, CancellationToken cancellationToken = default);

    [Alias("Reject")]
    Task<CommandResult<AccessRequestView>> RejectAsync(Caller caller, string? reason, CancellationToken cancellationToken = default);

    [Alias("Retry")]
    Task<CommandResult<AccessRequestView>> RetryAsync(Caller caller, CancellationToken cancellationToken = default);

    [Alias("Revoke")]
    Task<CommandResult<AccessRequestView>> RevokeAsync(Caller caller, string? reason, CancellationToken cancellationToken = default);

    /// <summary>
    /// The application reports a provisioning result reached in the background (after retries, or a deletion), and
    /// the one it has just answered a grant with. The application does not wait for it; the call is answered so that
    /// a caller can know the request has taken it.
    /// </summary>
    [Alias("OnProvisioningSettled")]
    Task OnProvisioningSettledAsync(ProvisioningOutcome outcome);
}
