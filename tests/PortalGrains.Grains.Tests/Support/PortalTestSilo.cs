using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PortalGrains.Grains.Hosting;

namespace PortalGrains.Grains.Tests.Support;

/// <summary>The grains of the portal in a test silo: in-memory storage, provisioning configured from <paramref name="settings"/>.</summary>
public static class PortalTestSilo
{
    public static ISiloBuilder AddPortalForTests(this ISiloBuilder silo, IReadOnlyDictionary<string, string?> settings)
    {
        silo.AddMemoryGrainStorageAsDefault();
        silo.Services.AddPortalGrains();
        silo.Services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        silo.Services.AddPortalProvisioning();
        silo.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        return silo;
    }
}
