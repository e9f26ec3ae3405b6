using System.Net;

namespace PortalGrains.Testing;

/// <summary>
/// An HTTP server on a free loopback port for the protocol fakes tests need (an OTLP collector, a vendor's API that
/// cannot run here): each request goes to the handler, concurrently. A handler that throws answers 500, so that a test
/// fails on the answer instead of waiting for one. Disposing stops accepting and waits for the accept loop.
/// </summary>
public sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<HttpListenerContext, Task> _handle;
    private readonly Task _accepting;

    private LoopbackHttpServer(int port, Func<HttpListenerContext, Task> handle)
    {
        BaseUrl = $"http://127.0.0.1:{port}";
        _handle = handle;
        _listener.Prefixes.Add(BaseUrl + "/");
        _listener.Start();
        _accepting = Task.Run(AcceptAsync);
    }

    /// <summary>The server's address, without a trailing slash.</summary>
    public string BaseUrl { get; }

    public static LoopbackHttpServer Start(Func<HttpListenerContext, Task> handle) => new(FreePort.Next(), handle);

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _accepting;
    }

    private async Task AcceptAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            await _handle(context);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            try
            {
                context.Response.StatusCode = 500;
                context.Response.Close();
            }
            catch (Exception closing) when (closing is HttpListenerException or InvalidOperationException or ObjectDisposedException)
            {
                // the answer was already under way, or the client is gone
            }
        }
    }
}
