using System.Net;

namespace PortalGrains.IdentityProviders.Http;

/// <summary>Why the outbound policy refuses an address: the rule, the address and what it is.</summary>
/// <param name="What">What the address is, completing "{address} ...", e.g. "is link-local (169.254.0.0/16)".</param>
public sealed record OutboundRefusal(OutboundRule Rule, IPAddress Address, string What)
{
    public const string Refused = "refused by the outbound policy";

    /// <summary>The rule's short name: loopback, private, link-local, metadata or reserved.</summary>
    public string RuleName => Rule switch
    {
        OutboundRule.Loopback => "loopback",
        OutboundRule.PrivateNetwork => "private",
        OutboundRule.LinkLocal => "link-local",
        OutboundRule.CloudMetadata => "metadata",
        _ => "reserved",
    };

    /// <summary>
    /// "refused by the outbound policy (loopback): 127.0.0.1 is loopback ...", or, for a host name,
    /// "... host 'localhost' resolves to 127.0.0.1, which is loopback ...".
    /// </summary>
    public string Describe(string? host = null) =>
        host is null || IPAddress.TryParse(host.Trim('[', ']'), out _)
            ? $"{Refused} ({RuleName}): {Address} {What}"
            : $"{Refused} ({RuleName}): host '{host}' resolves to {Address}, which {What}";
}
