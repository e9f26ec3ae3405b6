using PortalGrains.Abstractions.Applications;

namespace PortalGrains.Grains.Applications;

/// <summary>An access request the application should hold at a provider (desired state), and where it stands.</summary>
[GenerateSerializer]
public sealed class GrantRecord
{
    [Id(0)] public string AccessRequestId { get; set; } = "";
    [Id(1)] public string ProviderId { get; set; } = "";
    [Id(2)] public string ClientTypeId { get; set; } = "";
    [Id(3)] public List<string> Scopes { get; set; } = [];
    [Id(4)] public ProvisioningOutcome? LastOutcome { get; set; }

    /// <summary>The outcome last told to the access request, so that each change is reported once.</summary>
    [Id(5)] public ProvisioningState? ReportedState { get; set; }
}
