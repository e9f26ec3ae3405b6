using System.Net;
using System.Net.Sockets;

namespace PortalGrains.IdentityProviders.Http;

/// <summary>Decides which resolved addresses an outbound connection to an identity provider may reach.</summary>
public static class OutboundAddressRules
{
    private static readonly IPAddress AwsMetadataV4 = IPAddress.Parse("169.254.169.254");
    private static readonly IPAddress AwsMetadataV6 = IPAddress.Parse("fd00:ec2::254");

    /// <summary>Returns why <paramref name="address"/> must not be connected to, or null when it may.</summary>
    public static string? GetRefusalReason(IPAddress address, IdentityProviderHttpOptions options)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.Equals(AwsMetadataV4) || address.Equals(AwsMetadataV6))
        {
            return $"{address} is a cloud metadata address";
        }

        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => GetIPv4RefusalReason(address, options),
            AddressFamily.InterNetworkV6 => GetIPv6RefusalReason(address, options),
            _ => $"{address} is not an IP address",
        };
    }

    private static string? GetIPv4RefusalReason(IPAddress address, IdentityProviderHttpOptions options)
    {
        Span<byte> b = stackalloc byte[4];
        address.TryWriteBytes(b, out _);
        return (b[0], b[1]) switch
        {
            (0, _) => $"{address} is in 0.0.0.0/8 (\"this network\")",
            (169, 254) => $"{address} is link-local (169.254.0.0/16)",
            ( >= 224 and <= 239, _) => $"{address} is multicast",
            (255, _) when b[2] == 255 && b[3] == 255 => $"{address} is the broadcast address",
            (127, _) when options.BlockLoopback => $"{address} is loopback and BlockLoopback is on",
            (10, _) or (172, >= 16 and <= 31) or (192, 168) or (100, >= 64 and <= 127) when options.BlockPrivateNetworks
                => $"{address} is in a private range and BlockPrivateNetworks is on",
            _ => null,
        };
    }

    private static string? GetIPv6RefusalReason(IPAddress address, IdentityProviderHttpOptions options)
    {
        if (address.Equals(IPAddress.IPv6Any))
        {
            return $"{address} is the unspecified address";
        }

        if (address.IsIPv6LinkLocal)
        {
            return $"{address} is link-local (fe80::/10)";
        }

        if (address.IsIPv6Multicast)
        {
            return $"{address} is multicast";
        }

        if (address.Equals(IPAddress.IPv6Loopback))
        {
            return options.BlockLoopback ? $"{address} is loopback and BlockLoopback is on" : null;
        }

        if ((address.IsIPv6UniqueLocal || address.IsIPv6SiteLocal) && options.BlockPrivateNetworks)
        {
            return $"{address} is in a private range and BlockPrivateNetworks is on";
        }

        return null;
    }
}
