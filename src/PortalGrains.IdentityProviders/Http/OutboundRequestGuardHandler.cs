using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;

namespace PortalGrains.IdentityProviders.Http;

/// <summary>
/// Outermost handler of a provider's chain: refuses schemes other than http(s) (and http unless allowed)
/// before the resilience pipeline sees the request, and surfaces a refusal by the connect-time address
/// check as <see cref="OutboundRequestRefusedException"/> instead of the HttpRequestException that wraps it.
/// </summary>
internal sealed class OutboundRequestGuardHandler(ProviderHttpSettings settings, ILogger logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        CheckScheme(request.RequestUri);
        try
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex) when (IdentityProviderRequestFailureClassifier.FindRefusal(ex) is { } refused)
        {
            ExceptionDispatchInfo.Throw(refused);
            throw;
        }
    }

    private void CheckScheme(Uri? uri)
    {
        if (uri is null || !uri.IsAbsoluteUri)
        {
            Refuse("", "refused: the request URI must be absolute");
            return;
        }

        if (uri.Scheme == Uri.UriSchemeHttps)
        {
            return;
        }

        if (uri.Scheme != Uri.UriSchemeHttp)
        {
            Refuse(uri.Host, $"refused: scheme '{uri.Scheme}' is not allowed (http and https only)");
        }
        else if (!settings.AllowHttp)
        {
            Refuse(uri.Host, "refused: plain http is not allowed for this provider (AllowHttp is off)");
        }
    }

    private void Refuse(string host, string reason)
    {
        IdentityProviderHttpLog.RequestRefused(logger, settings.ProviderId, reason);
        throw new OutboundRequestRefusedException(settings.ProviderId, host, null, reason);
    }
}
