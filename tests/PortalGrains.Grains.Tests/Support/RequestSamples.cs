using System.Collections.Immutable;
using PortalGrains.Abstractions.AccessRequests;
using PortalGrains.Abstractions.Applications;
using PortalGrains.Abstractions.Common;
using PortalGrains.Grains.AccessRequests;

namespace PortalGrains.Grains.Tests.Support;

public static class RequestSamples
{
    /// <summary>A draft with fresh ids; its application does not exist unless <paramref name="applicationId"/> names one.</summary>
    public static AccessRequestDraft Draft(Caller owner, string? applicationId = null) => new(
        owner.Id, applicationId ?? TestIds.New("app"), TestIds.New("product"), TestIds.New("plan"), TestIds.New("provider"), "web",
        ["orders:read", "plan:gold"]);

    public static ProvisioningOutcome Outcome(string id, ProvisioningState state, string? message = null) =>
        new(id, state, message, "detail", "correlation", DateTimeOffset.UtcNow);

    public static readonly IEqualityComparer<AccessRequestView?> ViewComparer = EqualityComparer<AccessRequestView?>.Create(
        (a, b) => a is not null && b is not null
            && a with { Scopes = ImmutableArray<string>.Empty, History = ImmutableArray<StatusChange>.Empty }
                == b with { Scopes = ImmutableArray<string>.Empty, History = ImmutableArray<StatusChange>.Empty }
            && a.Scopes.SequenceEqual(b.Scopes) && a.History.SequenceEqual(b.History));

    /// <summary>The request is listed under ALL and its status, and under no other status.</summary>
    public static async Task AssertListedOnlyUnderAsync(IClusterClient client, string id, AccessRequestStatus status)
    {
        Assert.True(await IndexProbe.ContainsAsync(client, IAccessRequestIndexGrain.AllKey, id), "listed under ALL");
        foreach (var other in Enum.GetValues<AccessRequestStatus>())
        {
            var key = AccessRequestIndexKeys.For(other);
            Assert.True(other == status == await IndexProbe.ContainsAsync(client, key, id),
                other == status ? $"listed under {key}" : $"not listed under {key}");
        }
    }
}
