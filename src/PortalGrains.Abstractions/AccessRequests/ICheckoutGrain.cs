using PortalGrains.Abstractions.Common;

namespace PortalGrains.Abstractions.AccessRequests;

/// <summary>
/// Validates a checkout against the catalogue, the provider and the application, and only then creates what it
/// needs (application, access request, the developer's index entries). A stateless worker: any silo serves it.
/// </summary>
[Alias("PortalGrains.AccessRequests.ICheckoutGrain")]
public interface ICheckoutGrain : IGrainWithIntegerKey
{
    [Alias("Checkout")]
    Task<CommandResult<AccessRequestView>> CheckoutAsync(CheckoutRequest request, Caller caller, string? emailClaim, string? nameClaim, CancellationToken cancellationToken = default);
}
