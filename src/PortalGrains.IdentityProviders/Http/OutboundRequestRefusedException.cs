using System.Net;

namespace PortalGrains.IdentityProviders.Http;

/// <summary>
/// A request to an identity provider was refused before anything was sent: a scheme other than http(s),
/// plain http where the provider does not allow it, or a destination address the outbound policy forbids
/// (checked on the resolved address at connect time). An <see cref="HttpRequestException"/> with
/// <see cref="HttpRequestError.ConnectionError"/>, so code that handles failed connections handles it too;
/// it is never retried.
/// </summary>
public sealed class OutboundRequestRefusedException : HttpRequestException
{
    /// <param name="reason">Starts with "refused", e.g. "refused by the outbound policy (loopback): ...".</param>
    public OutboundRequestRefusedException(string providerId, string host, IPAddress? address, string reason, OutboundRule? rule = null)
        : base(HttpRequestError.ConnectionError, $"Request to identity provider '{providerId}' {reason}")
    {
        ProviderId = providerId;
        Host = host;
        Address = address;
        Reason = reason;
        Rule = rule;
    }

    public string ProviderId { get; }

    /// <summary>The host of the request (a name or an address literal).</summary>
    public string Host { get; }

    /// <summary>The refused address, when the refusal is about an address.</summary>
    public IPAddress? Address { get; }

    public string Reason { get; }

    /// <summary>The rule of the outbound policy that refused the address; null for a refused scheme.</summary>
    public OutboundRule? Rule { get; }
}
