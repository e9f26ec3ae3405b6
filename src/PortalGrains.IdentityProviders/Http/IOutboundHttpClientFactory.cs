namespace PortalGrains.IdentityProviders.Http;

/// <summary>Hands out HttpClients for server-side requests that are not identity provider calls (webhooks).</summary>
public interface IOutboundHttpClientFactory
{
    /// <summary>
    /// A client under the outbound policy (scheme check, and the connect-time address check on the very addresses
    /// connected to), without redirects, proxies, cookies or retries (the caller decides about those), each attempt
    /// limited to <paramref name="timeout"/>. The caller owns and disposes the client.
    /// </summary>
    HttpClient CreateClient(string name, bool allowHttp, TimeSpan timeout);
}
