using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;

namespace PortalGrains.IdentityProviders.Http;

/// <summary>
/// The <see cref="SocketsHttpHandler.ConnectCallback"/> of one provider: resolves the host itself and connects
/// only to addresses the outbound policy allows. The check runs on the very addresses the socket connects to, so a DNS
/// answer that changes between a check and the connection (DNS rebinding) cannot slip through.
/// </summary>
internal sealed class GuardedConnector(
    string providerId,
    OutboundPolicyOptions policy,
    ILogger logger,
    IdentityProviderHttpMetrics metrics)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host.Trim('[', ']');
        var port = context.DnsEndPoint.Port;

        IPAddress[] resolved = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);

        var allowed = new List<IPAddress>(resolved.Length);
        OutboundRefusal? firstRefusal = null;
        foreach (var address in resolved)
        {
            var refusal = OutboundAddressRules.Check(address, policy);
            if (refusal is null)
            {
                allowed.Add(address);
            }
            else
            {
                firstRefusal ??= refusal;
            }
        }

        if (allowed.Count == 0)
        {
            var reason = firstRefusal is null ? $"refused: host '{host}' resolved to no address" : firstRefusal.Describe(host);
            IdentityProviderHttpLog.ConnectionRefused(logger, providerId, host, reason);
            metrics.RecordRefusedConnection(providerId);
            throw new OutboundRequestRefusedException(providerId, host, firstRefusal?.Address, reason, firstRefusal?.Rule);
        }

        ExceptionDispatchInfo? lastFailure = null;
        foreach (var address in allowed)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                lastFailure = ExceptionDispatchInfo.Capture(ex);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        lastFailure!.Throw();
        throw new UnreachableException();
    }
}
