using PortalGrains.IntegrationTests.Infrastructure;
using PortalGrains.Testing;

namespace PortalGrains.IntegrationTests.Limits;

/// <summary>
/// A host of its own with small per-developer limits (2 applications, 3 pending requests) and a catalogue to check
/// out from; each test signs in developers of its own.
/// </summary>
public sealed class LimitsHost : IAsyncLifetime
{
    public const int ApplicationsPerDeveloper = 2;
    public const int PendingRequestsPerDeveloper = 3;

    public PortalHost Host { get; } = new()
    {
        ExtraEnvironment = new Dictionary<string, string>
        {
            ["Portal__Limits__ApplicationsPerDeveloper"] = ApplicationsPerDeveloper.ToString(),
            ["Portal__Limits__PendingRequestsPerDeveloper"] = PendingRequestsPerDeveloper.ToString(),
        },
    };

    public PortalScenario Portal { get; private set; } = null!;

    public string AdminToken { get; private set; } = "";

    public string ProductId { get; private set; } = "";

    public string PlanId { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await Host.InitializeAsync();
        Portal = new PortalScenario(Host, DevIdentityProvider.Shared);
        AdminToken = await Portal.AdminTokenAsync();
        await Portal.CreateProviderAsync(AdminToken);
        ProductId = await Portal.CreateProductAsync(AdminToken, "limits", "limits.read");
        PlanId = await Portal.CreatePlanAsync(AdminToken, "limits", autoApprove: false, "plan.limits");
    }

    public Task DisposeAsync() => Host.DisposeAsync();
}
