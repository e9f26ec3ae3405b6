using Azure.Data.Tables;
using PortalGrains.Abstractions.Audit;
using PortalGrains.Grains.Audit;
using PortalGrains.Host.Audit;
using PortalGrains.Persistence.AzureTables;
using PortalGrains.Testing;
using StackExchange.Redis;

namespace PortalGrains.Host.Tests.Audit;

/// <summary>Every audit log store pages the same way: newest first across hours, a cursor continues, the total is counted.</summary>
public sealed class AuditLogStoreTests
{
    public static TheoryData<string> Stores => ["AzureTables", "Redis", "Memory"];

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Entries_are_paged_newest_first_across_hours(string store)
    {
        var log = Create(store);
        var start = new DateTimeOffset(2026, 3, 1, 10, 58, 0, TimeSpan.Zero);
        // Five entries over three hourly partitions, appended out of order.
        var entries = Enumerable.Range(0, 5)
            .Select(i => new AuditEntry($"e{i}", start.AddMinutes(i * 40), "admin", "product.upsert", "Product", $"p{i}", $"detail {i}"))
            .ToList();
        foreach (var entry in entries.OrderBy(e => e.SubjectId == "p2" ? 0 : 1))
        {
            await log.AppendAsync(entry);
        }

        await log.AppendAsync(entries[3]); // a repeated append (a retry) changes nothing

        var first = await log.PageAsync(2, null);
        Assert.Equal(["e4", "e3"], first.Entries.Select(e => e.Id));
        Assert.True(first.HasNextPage);
        Assert.Equal(5, first.TotalCount);
        Assert.Equal(entries[4], first.Entries[0]);

        var second = await log.PageAsync(2, first.EndCursor);
        Assert.Equal(["e2", "e1"], second.Entries.Select(e => e.Id));
        var last = await log.PageAsync(2, second.EndCursor);
        Assert.Equal(["e0"], last.Entries.Select(e => e.Id));
        Assert.False(last.HasNextPage);

        await Assert.ThrowsAsync<ArgumentException>(() => log.PageAsync(2, "not-a-cursor"));
    }

    private static IAuditLog Create(string store)
    {
        var unique = "t" + Guid.NewGuid().ToString("N")[..12];
        switch (store)
        {
            case "AzureTables":
                TestServers.RequireAzurite();
                return new AzureTableAuditLog(new TableClient(TestServers.AzureTables, "AuditTests"), unique);
            case "Redis":
                TestServers.RequireRedis();
                return new RedisAuditLog(new Lazy<IConnectionMultiplexer>(() => ConnectionMultiplexer.Connect(TestServers.Redis)), "test:audit:" + unique);
            default:
                return new MemoryAuditLog();
        }
    }
}
