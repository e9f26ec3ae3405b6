using System.Collections.Concurrent;
using PortalGrains.IdentityProviders.Http;

namespace PortalGrains.IdentityProviders.Tests.Http.Support;

/// <summary>
/// Wraps the real factory and counts, per request path, the calls the cache makes through its clients
/// (each call may be several attempts on the wire; the resilience pipeline is inside).
/// </summary>
public sealed class CountingHttpClientFactory(IIdentityProviderHttpClientFactory inner) : IIdentityProviderHttpClientFactory
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public int Count(string path) => _counts.TryGetValue(path, out var count) ? count : 0;

    public HttpClient CreateClient(ProviderHttpSettings settings) =>
        new(new CountingHandler(inner.CreateClient(settings), _counts), disposeHandler: true);

    private sealed class CountingHandler(HttpClient inner, ConcurrentDictionary<string, int> counts) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            counts.AddOrUpdate(request.RequestUri!.AbsolutePath, 1, (_, count) => count + 1);
            // HttpClient sends a message only once; the cache's messages are bodiless GETs, copied as such.
            var copy = new HttpRequestMessage(request.Method, request.RequestUri) { Version = request.Version };
            foreach (var header in request.Headers)
            {
                copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            return inner.SendAsync(copy, cancellationToken);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
