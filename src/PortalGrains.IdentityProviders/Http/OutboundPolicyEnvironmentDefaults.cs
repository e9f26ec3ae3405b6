using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace PortalGrains.IdentityProviders.Http;

/// <summary>
/// The defaults of <see cref="OutboundPolicyOptions"/> that depend on the host's environment, applied before the
/// configuration is bound: loopback allowed and insecure TLS permitted in Development only. Without a registered
/// environment, the defaults are those outside Development.
/// </summary>
public sealed class OutboundPolicyEnvironmentDefaults(IHostEnvironment? environment = null) : IConfigureOptions<OutboundPolicyOptions>
{
    public void Configure(OutboundPolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var development = environment?.IsDevelopment() ?? false;
        options.BlockLoopback = !development;
        options.AllowInsecureTls = development;
    }
}
