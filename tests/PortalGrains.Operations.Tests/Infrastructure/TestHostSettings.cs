using System.Globalization;
using PortalGrains.Testing;

namespace PortalGrains.Operations.Tests.Infrastructure;

/// <summary>The settings of a host these tests start as its own process (<see cref="HostProcess"/>).</summary>
public static class TestHostSettings
{
    /// <summary>What every such host shares: Azure Table storage on Azurite, the dev IdP as login IdP, the SMTP sink.</summary>
    public static Dictionary<string, string> Base(string serviceId) => new()
    {
        ["Orleans__Clustering"] = "Localhost",
        ["Orleans__Storage"] = "AzureTables",
        ["Orleans__ClusterId"] = serviceId,
        ["Orleans__ServiceId"] = serviceId,
        ["Orleans__SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
        ["Orleans__GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
        ["ConnectionStrings__AzureTables"] = TestServers.AzureTables,
        ["Portal__Auth__Authority"] = DevIdentityProvider.Shared.IssuerText,
        ["Portal__Auth__Audience"] = "portal",
        ["Portal__Auth__RequireHttpsMetadata"] = "false",
        // The providers the tests configure are the dev IdP on 127.0.0.1.
        ["Portal__Outbound__BlockLoopback"] = "false",
        ["Portal__Notifications__Smtp__Host"] = SmtpTestServer.Shared.Host,
        ["Portal__Notifications__Smtp__Port"] = SmtpTestServer.Shared.Port.ToString(CultureInfo.InvariantCulture),
    };
}
