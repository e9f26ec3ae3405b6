using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using PortalGrains.Configuration;

namespace PortalGrains.IdentityProviders.Http;

/// <summary>
/// Resolves <see cref="OutboundPolicyOptions"/>: the environment's defaults, then <c>Portal:Outbound</c> with its
/// former keys <c>IdentityProviders:Http:BlockLoopback</c> and <c>IdentityProviders:Http:BlockPrivateNetworks</c>
/// (<see cref="OutboundPolicyOptions.FormerSection"/>), a key of the new section winning over its former name.
/// </summary>
public static class OutboundPolicyConfiguration
{
    /// <param name="environment">The host's environment; without one the defaults are those outside Development.</param>
    public static void Apply(OutboundPolicyOptions options, IConfiguration? configuration, IHostEnvironment? environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        var development = environment?.IsDevelopment() ?? false;
        options.BlockLoopback = !development;
        options.AllowInsecureTls = development;
        configuration?.GetSection(OutboundPolicyOptions.SectionName, OutboundPolicyOptions.FormerSection).Bind(options);
    }
}
