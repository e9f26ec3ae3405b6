using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using PortalGrains.Grains.Hosting;
using PortalGrains.Grains.Notifications;
using PortalGrains.Testing;

namespace PortalGrains.Grains.Tests.Notifications;

/// <summary>An in-process silo with in-memory storage and notifications sent to the given SMTP sink with MailKit.</summary>
public sealed class OutboxCluster : IAsyncDisposable
{
    private OutboxCluster(InProcessTestCluster cluster) => Cluster = cluster;

    public InProcessTestCluster Cluster { get; }

    public IClusterClient Client => Cluster.Client;

    public ObservingEmailSender Sender => Cluster.Silos[0].ServiceProvider.GetRequiredService<ObservingEmailSender>();

    public static async Task<OutboxCluster> StartAsync(SmtpTestServer smtp, IDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Portal:Notifications:Smtp:Host"] = smtp.Host,
            ["Portal:Notifications:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Portal:Notifications:Smtp:From"] = "API Portal <portal@example.org>",
            ["Portal:Notifications:FirstRetryDelay"] = "00:00:00.100",
            ["Portal:Notifications:MaxRetryDelay"] = "00:00:00.500",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorageAsDefault();
            silo.Services.AddSingleton<MailKitEmailSender>();
            silo.Services.AddSingleton<ObservingEmailSender>();
            silo.Services.AddSingleton<IEmailSender>(sp => sp.GetRequiredService<ObservingEmailSender>());
            silo.Services.AddPortalGrains();
            silo.Services.AddSingleton<IConfiguration>(configuration);
            silo.Services.AddPortalNotifications();
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new OutboxCluster(cluster);
    }

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
}
