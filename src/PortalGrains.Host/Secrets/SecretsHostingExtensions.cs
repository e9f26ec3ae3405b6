using System.Security.Cryptography.X509Certificates;
using Azure.Data.Tables;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using PortalGrains.Configuration;
using PortalGrains.Host.Configuration;
using PortalGrains.Host.Hosting;
using PortalGrains.Persistence.AzureTables;
using StackExchange.Redis;

namespace PortalGrains.Host.Secrets;

public static class SecretsHostingExtensions
{
    private const string ApplicationName = "PortalGrains";
    private const string RedisKey = "PortalGrains:DataProtection-Keys";

    /// <summary>
    /// Data Protection for the secrets the portal stores: one application name on every silo, the key ring in the
    /// shared storage the silos use (Azure Tables or Redis), and the keys encrypted at rest with a certificate when
    /// one is configured.
    /// </summary>
    public static IHostApplicationBuilder AddPortalSecrets(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SecretsOptions>()
            .BindConfiguration(SecretsOptions.SectionName)
            .ValidateProblems(SecretsOptions.SectionName)
            .ValidateOnStart();
        // Data Protection is composed now, before the container exists.
        var options = builder.Configuration.ReadOptions<SecretsOptions>(SecretsOptions.SectionName);
        var connectionStrings = PortalConnectionStrings.From(builder.Configuration);
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName(ApplicationName);

        OrleansHostingOptions orleans;
        try
        {
            orleans = SiloHostingExtensions.ReadOrleansOptions(builder.Configuration);
        }
        catch (StartupCheckException)
        {
            // Reported as one line by RunPortalAsync.
            return builder;
        }

        switch (orleans.Storage)
        {
            case StorageKind.AzureTables:
                builder.Services.Configure<KeyManagementOptions>(keys => keys.XmlRepository =
                    new AzureTableXmlRepository(new TableClient(connectionStrings.AzureTables, options.KeyTableName)));
                break;
            case StorageKind.Redis:
                var redis = new Lazy<IConnectionMultiplexer>(() => ConnectionMultiplexer.Connect(connectionStrings.Redis));
                dataProtection.PersistKeysToStackExchangeRedis(() => redis.Value.GetDatabase(), RedisKey);
                break;
        }

        if (options.KeyEncryptionCertificatePath is { } path)
        {
            dataProtection.ProtectKeysWithCertificate(
                X509CertificateLoader.LoadPkcs12FromFile(path, options.KeyEncryptionCertificatePassword));
        }
        else if (!builder.Environment.IsDevelopment() && orleans.Storage != StorageKind.Memory)
        {
            builder.Services.AddHostedService<UnprotectedKeyRingWarning>();
        }

        return builder;
    }
}
