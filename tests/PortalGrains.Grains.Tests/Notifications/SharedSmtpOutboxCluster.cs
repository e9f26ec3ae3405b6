using PortalGrains.Testing;

namespace PortalGrains.Grains.Tests.Notifications;

/// <summary>An <see cref="OutboxCluster"/> sending to the SMTP sink test.sh starts, shared by one test class.</summary>
public sealed class SharedSmtpOutboxCluster : IAsyncLifetime
{
    public OutboxCluster Outbox { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await SmtpTestServer.Shared.WaitUntilUpAsync(TimeSpan.FromSeconds(10));
        Outbox = await OutboxCluster.StartAsync(SmtpTestServer.Shared);
    }

    public async Task DisposeAsync()
    {
        if (Outbox is not null)
        {
            await Outbox.DisposeAsync();
        }
    }
}
