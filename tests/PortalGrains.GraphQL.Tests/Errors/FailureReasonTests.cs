using PortalGrains.Abstractions.AccessRequests;
using PortalGrains.GraphQL.Schema.Types;

namespace PortalGrains.GraphQL.Tests.Errors;

public sealed class FailureReasonTests
{
    [Fact]
    public void Developers_read_the_short_message_with_its_reference_and_admins_the_detail_as_well()
    {
        var request = Request("The identity provider refused the registration.", "POST /reg answered 400 invalid_client_metadata: redirect_uris", "c0ffee");

        Assert.Equal("The identity provider refused the registration. (reference c0ffee)", AccessRequestType.FailureReason(request, forAdmin: false));
        Assert.Equal(
            "The identity provider refused the registration. (reference c0ffee): POST /reg answered 400 invalid_client_metadata: redirect_uris",
            AccessRequestType.FailureReason(request, forAdmin: true));
    }

    [Fact]
    public void Without_a_failure_there_is_no_reason()
    {
        Assert.Null(AccessRequestType.FailureReason(Request(null, null, null), forAdmin: true));
    }

    private static AccessRequestView Request(string? message, string? detail, string? correlationId) => new(
        "r-1", AccessRequestStatus.Failed, "dev-1", "app-1", "prod-1", "plan-1", "idp-1", "m2m", ["orders:read"],
        DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, "admin-1", message, detail, correlationId, []);
}
