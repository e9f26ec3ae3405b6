using Microsoft.Extensions.Logging;

namespace PortalGrains.IdentityProviders.Http;

/// <summary>Innermost delegating handler: counts and logs every attempt that the pipeline puts on the wire.</summary>
internal sealed class AttemptTelemetryHandler(string providerId, ILogger logger, IdentityProviderHttpMetrics metrics)
    : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string outcome = "exception";
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            outcome = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return response;
        }
        catch (OperationCanceledException)
        {
            outcome = "cancelled";
            throw;
        }
        catch (HttpRequestException ex)
        {
            outcome = IdentityProviderRequestFailureClassifier.FindRefusal(ex) is null ? ex.HttpRequestError.ToString() : "refused";
            throw;
        }
        finally
        {
            metrics.RecordAttempt(providerId, request.Method, outcome);
            IdentityProviderHttpLog.AttemptCompleted(
                logger, providerId, request.Method.Method, request.RequestUri?.Authority, request.RequestUri?.AbsolutePath, outcome);
        }
    }
}
