using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Storage;
using PortalGrains.Testing;

namespace PortalGrains.Persistence.AzureTables.Tests;

/// <summary>The table is created by the silo lifecycle, and a missing Azurite stops the silo with one clear line.</summary>
public sealed class SiloStartTests
{
    [Fact]
    public async Task Starting_the_silo_creates_the_table_and_registers_the_default_provider()
    {
        await AzuriteTables.EnsureReachableAsync();
        var tableName = AzuriteTables.NewTableName();
        using var host = TestSilo.Build(silo => silo.AddPortalTableGrainStorageAsDefault(options =>
        {
            options.ConnectionString = AzuriteTables.ConnectionString;
            options.TableName = tableName;
        }));
        Assert.False(await AzuriteTables.TableExistsAsync(tableName));

        await host.StartAsync();
        try
        {
            Assert.True(await AzuriteTables.TableExistsAsync(tableName));
            var storage = host.Services.GetRequiredService<IGrainStorage>();
            Assert.IsType<AzureTableGrainStorage>(storage);
            var state = new GrainState<TestState>(new TestState { Name = "default provider" });
            await storage.WriteStateAsync("state", GrainId.Create("testgrain", "default"), state);
            Assert.True(state.RecordExists);
        }
        finally
        {
            await host.StopAsync();
            await AzuriteTables.CreateServiceClient().DeleteTableAsync(tableName);
        }
    }

    [Fact]
    public async Task An_unreachable_endpoint_stops_the_silo_with_a_one_line_error_without_the_key()
    {
        var closedPort = FreePort.Next();
        var endpoint = $"http://127.0.0.1:{closedPort}/devstoreaccount1";
        using var host = TestSilo.Build(silo => silo.AddPortalTableGrainStorage("unreachable", options =>
        {
            options.ConnectionString = AzuriteTables.ConnectionStringFor(endpoint);
            options.ClientOptions.Retry.MaxRetries = 0;
        }));

        var thrown = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());

        var startup = FindStartupException(thrown);
        Assert.True(startup is not null, $"expected {nameof(AzureTableStorageStartupException)}, got {thrown}");
        Assert.Equal(
            $"Azure Table storage is not reachable at {endpoint} (ConnectionStrings:AzureTables): start Azurite (Azurite/start.sh) or set the connection string.",
            startup.Message);
        Assert.DoesNotContain(AzuriteTables.AccountKey, thrown.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_account_key_stops_the_silo_with_the_answer_of_the_service()
    {
        await AzuriteTables.EnsureReachableAsync();
        var wrongKey = Convert.ToBase64String(new byte[64]);
        using var host = TestSilo.Build(silo => silo.AddPortalTableGrainStorage("wrongkey", options =>
        {
            options.ConnectionString = AzuriteTables.ConnectionString.Replace(AzuriteTables.AccountKey, wrongKey, StringComparison.Ordinal);
            options.TableName = AzuriteTables.NewTableName();
            options.ClientOptions.Retry.MaxRetries = 0;
        }));

        var thrown = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());

        var startup = FindStartupException(thrown);
        Assert.True(startup is not null, $"expected {nameof(AzureTableStorageStartupException)}, got {thrown}");
        Assert.Contains("answered 403", startup.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', startup.Message);
        Assert.DoesNotContain(wrongKey, thrown.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_table_name_is_rejected_at_start()
    {
        using var host = TestSilo.Build(silo => silo.AddPortalTableGrainStorage("badname", options =>
        {
            options.ConnectionString = AzuriteTables.ConnectionString;
            options.TableName = "bad-name";
        }));

        var thrown = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());

        Assert.Contains("table name 'bad-name' is not valid", thrown.ToString(), StringComparison.Ordinal);
    }

    private static AzureTableStorageStartupException? FindStartupException(Exception? exception) => exception switch
    {
        null => null,
        AzureTableStorageStartupException startup => startup,
        AggregateException aggregate => aggregate.InnerExceptions.Select(FindStartupException).FirstOrDefault(found => found is not null),
        _ => FindStartupException(exception.InnerException),
    };
}
