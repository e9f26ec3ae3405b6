using PortalGrains.Abstractions.Common;

namespace PortalGrains.Abstractions.AccessRequests;

/// <summary>The failure reason of a request as shown: for the developer a short, stable message; for admins the detail as well.</summary>
public static class AccessRequestFailureReason
{
    public static string? For(AccessRequestView request, bool forAdmin)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.FailureMessage is null && request.FailureDetail is null)
        {
            return null;
        }

        var message = FailureReference.Format(request.FailureMessage ?? "Provisioning failed.", request.CorrelationId);
        return forAdmin && !string.IsNullOrWhiteSpace(request.FailureDetail) ? $"{message}: {request.FailureDetail}" : message;
    }
}
