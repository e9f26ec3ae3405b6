using PortalGrains.Testing;

namespace PortalGrains.GraphQL.Tests.Infrastructure;

/// <summary>
/// A Production host with the outbound policy's defaults outside Development (loopback blocked, insecure TLS not
/// allowed), set explicitly so that no setting of the machine changes them.
/// </summary>
public sealed class OutboundPolicyHostFixture : PortalHostFixture
{
    protected override void Configure(Dictionary<string, string> environment)
    {
        environment["Portal__Outbound__BlockLoopback"] = "true";
        environment["Portal__Outbound__AllowInsecureTls"] = "false";
    }
}
