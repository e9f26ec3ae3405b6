using Microsoft.Extensions.Configuration;

namespace PortalGrains.Host.Configuration;

/// <summary>The <c>ConnectionStrings</c> the host reads, with their defaults.</summary>
public sealed record PortalConnectionStrings(string AzureTables, string Redis)
{
    public const string AzureTablesKey = "AzureTables";
    public const string RedisKey = "Redis";
    public const string DefaultAzureTables = "UseDevelopmentStorage=true";
    public const string DefaultRedis = "127.0.0.1:6379";

    public static PortalConnectionStrings From(IConfiguration configuration) => new(
        NonEmpty(configuration.GetConnectionString(AzureTablesKey)) ?? DefaultAzureTables,
        NonEmpty(configuration.GetConnectionString(RedisKey)) ?? DefaultRedis);

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
