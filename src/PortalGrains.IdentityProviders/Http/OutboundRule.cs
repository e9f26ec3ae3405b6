namespace PortalGrains.IdentityProviders.Http;

/// <summary>The rule of the outbound policy that refused a destination address.</summary>
public enum OutboundRule
{
    /// <summary>127.0.0.0/8 or ::1, refused while <see cref="OutboundPolicyOptions.BlockLoopback"/> is on.</summary>
    Loopback,

    /// <summary>A private range, refused while <see cref="OutboundPolicyOptions.BlockPrivateNetworks"/> is on.</summary>
    PrivateNetwork,

    /// <summary>169.254.0.0/16 or fe80::/10: always refused.</summary>
    LinkLocal,

    /// <summary>A cloud metadata service (169.254.169.254, fd00:ec2::254): always refused.</summary>
    CloudMetadata,

    /// <summary>No host to call: 0.0.0.0/8, the unspecified address, multicast, broadcast. Always refused.</summary>
    Reserved,
}
