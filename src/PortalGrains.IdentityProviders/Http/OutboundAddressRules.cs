using System.Net;
using System.Net.Sockets;

namespace PortalGrains.IdentityProviders.Http;

/// <summary>Decides which resolved addresses an outbound connection of the portal may reach.</summary>
public static class OutboundAddressRules
{
    private static readonly IPAddress AwsMetadataV4 = IPAddress.Parse("169.254.169.254");
    private static readonly IPAddress AwsMetadataV6 = IPAddress.Parse("fd00:ec2::254");

    /// <summary>Returns why <paramref name="address"/> must not be connected to, or null when it may.</summary>
    public static OutboundRefusal? Check(IPAddress address, OutboundPolicyOptions policy)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(policy);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.Equals(AwsMetadataV4) || address.Equals(AwsMetadataV6))
        {
            return new(OutboundRule.CloudMetadata, address, "is a cloud metadata address");
        }

        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => CheckIPv4(address, policy),
            AddressFamily.InterNetworkV6 => CheckIPv6(address, policy),
            _ => new(OutboundRule.Reserved, address, "is not an IP address"),
        };
    }

    /// <summary>The refusal of <paramref name="address"/> in words (<see cref="OutboundRefusal.Describe"/>), or null when it may be reached.</summary>
    public static string? GetRefusalReason(IPAddress address, OutboundPolicyOptions policy) => Check(address, policy)?.Describe();

    private static OutboundRefusal? CheckIPv4(IPAddress address, OutboundPolicyOptions policy)
    {
        Span<byte> b = stackalloc byte[4];
        address.TryWriteBytes(b, out _);
        return (b[0], b[1]) switch
        {
            (0, _) => new(OutboundRule.Reserved, address, "is in 0.0.0.0/8 (\"this network\")"),
            (169, 254) => new(OutboundRule.LinkLocal, address, "is link-local (169.254.0.0/16)"),
            ( >= 224 and <= 239, _) => new(OutboundRule.Reserved, address, "is multicast"),
            (255, _) when b[2] == 255 && b[3] == 255 => new(OutboundRule.Reserved, address, "is the broadcast address"),
            (127, _) when policy.BlockLoopback => Loopback(address),
            (10, _) or (172, >= 16 and <= 31) or (192, 168) or (100, >= 64 and <= 127) when policy.BlockPrivateNetworks => Private(address),
            _ => null,
        };
    }

    private static OutboundRefusal? CheckIPv6(IPAddress address, OutboundPolicyOptions policy)
    {
        if (address.Equals(IPAddress.IPv6Any))
        {
            return new(OutboundRule.Reserved, address, "is the unspecified address");
        }

        if (address.IsIPv6LinkLocal)
        {
            return new(OutboundRule.LinkLocal, address, "is link-local (fe80::/10)");
        }

        if (address.IsIPv6Multicast)
        {
            return new(OutboundRule.Reserved, address, "is multicast");
        }

        if (address.Equals(IPAddress.IPv6Loopback))
        {
            return policy.BlockLoopback ? Loopback(address) : null;
        }

        return (address.IsIPv6UniqueLocal || address.IsIPv6SiteLocal) && policy.BlockPrivateNetworks ? Private(address) : null;
    }

    private static OutboundRefusal Loopback(IPAddress address) =>
        new(OutboundRule.Loopback, address, $"is loopback and {OutboundPolicyOptions.SectionName}:BlockLoopback is on");

    private static OutboundRefusal Private(IPAddress address) =>
        new(OutboundRule.PrivateNetwork, address, $"is in a private range and {OutboundPolicyOptions.SectionName}:BlockPrivateNetworks is on");
}
