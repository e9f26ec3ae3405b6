using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace PortalGrains.IdentityProviders.Http;

/// <summary>
/// Resolves <see cref="OutboundPolicyOptions"/>: the environment's defaults, then the former keys
/// <c>IdentityProviders:Http:BlockLoopback</c> and <c>IdentityProviders:Http:BlockPrivateNetworks</c> where they are
/// set, then <c>Portal:Outbound</c>, so that a key of the new section wins over its former name.
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
        if (configuration is null)
        {
            return;
        }

        var former = configuration.GetSection(IdentityProviderHttpOptions.SectionName);
        options.BlockLoopback = former.GetValue(nameof(OutboundPolicyOptions.BlockLoopback), options.BlockLoopback);
        options.BlockPrivateNetworks = former.GetValue(nameof(OutboundPolicyOptions.BlockPrivateNetworks), options.BlockPrivateNetworks);
        configuration.GetSection(OutboundPolicyOptions.SectionName).Bind(options);
    }
}
