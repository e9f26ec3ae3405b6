using PortalGrains.Abstractions.Applications;
using PortalGrains.Abstractions.Common;
using PortalGrains.Grains.Tests.Support;
using PortalGrains.Testing;

namespace PortalGrains.Grains.Tests.Applications;

/// <summary>
/// What one application may pile up through secret rotations at the dev IdP: rotations per hour, replaced clients in
/// their grace period, and the identity provider operations kept for the audit.
/// </summary>
public sealed class SecretRotationLimitsTests(RotationLimitsCluster cluster) : IClassFixture<RotationLimitsCluster>
{
    private static readonly TimeSpan OneDay = TimeSpan.FromDays(1);

    [Fact]
    public async Task A_rotation_past_the_hourly_limit_is_refused_with_LIMIT_EXCEEDED_and_changes_nothing_until_the_oldest_leaves_the_hour()
    {
        var (application, owner, providerId, _) = await ProvisionedAsync();
        for (var i = 0; i < RotationLimitsCluster.RotationsPerHour; i++)
        {
            var rotated = await application.RotateSecretAsync(providerId, TimeSpan.Zero, owner);
            Assert.True(rotated.Succeeded, Describe(rotated.Errors));
            cluster.Clock.Advance(TimeSpan.FromMinutes(10));
        }

        var credentials = Assert.Single(await application.GetCredentialsAsync(includeSecrets: true));
        var operations = await application.GetOperationsAsync();

        var refused = await application.RotateSecretAsync(providerId, TimeSpan.Zero, owner);

        Assert.False(refused.Succeeded);
        Assert.Equal(UserErrorCodes.LimitExceeded, Assert.Single(refused.Errors).Code);
        var after = Assert.Single(await application.GetCredentialsAsync(includeSecrets: true));
        Assert.Equal((credentials.ClientId, credentials.ClientSecret), (after.ClientId, after.ClientSecret));
        Assert.Equal(operations.Select(o => o.OperationId), (await application.GetOperationsAsync()).Select(o => o.OperationId));

        // A sliding hour: once the first rotation is more than an hour old, one more is allowed, and only one.
        cluster.Clock.Advance(TimeSpan.FromMinutes(35));
        var allowed = await application.RotateSecretAsync(providerId, TimeSpan.Zero, owner);
        Assert.True(allowed.Succeeded, Describe(allowed.Errors));
        var again = await application.RotateSecretAsync(providerId, TimeSpan.Zero, owner);
        Assert.Equal(UserErrorCodes.LimitExceeded, Assert.Single(again.Errors).Code);
    }

    [Fact]
    public async Task Replaced_clients_past_the_cap_lose_their_grace_period_and_the_audit_keeps_the_newest_operations()
    {
        var (application, owner, providerId, scope) = await ProvisionedAsync();
        var idp = DevIdentityProvider.Shared;
        var replaced = new List<OAuthCredentialsView>();
        for (var i = 0; i < RotationLimitsCluster.RotationsPerHour; i++)
        {
            replaced.Add(Assert.Single(await application.GetCredentialsAsync(includeSecrets: true)));
            var rotated = await application.RotateSecretAsync(providerId, OneDay, owner);
            Assert.True(rotated.Succeeded, Describe(rotated.Errors));
        }

        // The oldest replaced client was deleted early; the newest ones keep their grace period.
        Assert.Equal(1 + RotationLimitsCluster.ClientsInGracePeriod, (await idp.ClientsOfApplicationAsync(application.GetPrimaryKeyString())).Count);
        Assert.Equal(401, (await idp.ClientCredentialsAsync(replaced[0].ClientId, replaced[0].ClientSecret!, scope)).Status);
        foreach (var inGrace in replaced.Skip(1))
        {
            Assert.Equal(200, (await idp.ClientCredentialsAsync(inGrace.ClientId, inGrace.ClientSecret!, scope)).Status);
        }

        var operations = await application.GetOperationsAsync();
        Assert.Equal(RotationLimitsCluster.OperationsKept, operations.Length);
        Assert.Equal(("Delete", replaced[0].ClientId), (operations[0].Operation, operations[0].ClientId));

        // Past both caps, the application still takes commands and records them.
        cluster.Clock.Advance(TimeSpan.FromMinutes(61));
        var current = Assert.Single(await application.GetCredentialsAsync(includeSecrets: true));
        var next = await application.RotateSecretAsync(providerId, OneDay, owner);
        Assert.True(next.Succeeded, Describe(next.Errors));
        Assert.Equal(1 + RotationLimitsCluster.ClientsInGracePeriod, (await idp.ClientsOfApplicationAsync(application.GetPrimaryKeyString())).Count);
        Assert.Equal(401, (await idp.ClientCredentialsAsync(replaced[1].ClientId, replaced[1].ClientSecret!, scope)).Status);
        Assert.Equal(200, (await idp.ClientCredentialsAsync(current.ClientId, current.ClientSecret!, scope)).Status);
        var newest = await application.GetOperationsAsync();
        Assert.Equal(RotationLimitsCluster.OperationsKept, newest.Length);
        Assert.Equal(("Delete", replaced[1].ClientId), (newest[0].Operation, newest[0].ClientId));
        var rotatedTo = Assert.Single(await application.GetCredentialsAsync(includeSecrets: false)).ClientId;
        Assert.Contains(newest, o => o.Operation == "RotateSecret" && o.ClientId == rotatedTo);
    }

    private async Task<(IApplicationGrain Application, Caller Owner, string ProviderId, string Scope)> ProvisionedAsync()
    {
        var (application, owner, providerId, scope) = await ProvisionedApplication.CreateAsync(cluster.Client, "Rotating app");
        return (application, owner, providerId, scope);
    }

    private static string Describe(IEnumerable<UserError> errors) => string.Join("; ", errors.Select(e => $"{e.Code}: {e.Message}"));
}
