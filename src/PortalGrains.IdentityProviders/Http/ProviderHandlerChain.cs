namespace PortalGrains.IdentityProviders.Http;

/// <summary>One provider's shared handlers, built for one version of its settings.</summary>
internal sealed class ProviderHandlerChain(ProviderHttpSettings settings, HttpMessageHandler handler) : IDisposable
{
    public ProviderHttpSettings Settings { get; } = settings;

    /// <summary>The outermost handler; disposing it disposes the whole chain down to the connection pool.</summary>
    public HttpMessageHandler Handler { get; } = handler;

    public void Dispose() => Handler.Dispose();
}
