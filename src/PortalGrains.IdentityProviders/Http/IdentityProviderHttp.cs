using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Polly;
using PortalGrains.IdentityProviders.Errors;
using PortalGrains.IdentityProviders.Registration;

namespace PortalGrains.IdentityProviders.Http;

/// <summary>Sends one request to an identity provider and types the failures that happen before an answer.</summary>
internal static class IdentityProviderHttp
{
    private static readonly MediaTypeWithQualityHeaderValue AcceptJson = new("application/json");

    /// <param name="mayHaveActed">The request is not idempotent: once sent, a lost answer is Uncertain, not Transient.</param>
    public static async Task<IdentityProviderResponse> SendAsync(
        HttpClient http,
        HttpMethod method,
        Uri uri,
        AuthenticationHeaderValue? authorization,
        JsonNode? body,
        IdentityProviderOperation operation,
        bool mayHaveActed,
        SecretScrubber scrubber,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, uri);
        request.Headers.Accept.Add(AcceptJson);
        request.Headers.Authorization = authorization;
        if (mayHaveActed)
        {
            // Not resent blindly by the HTTP layer, whatever the method (a PUT that rotates the registration token).
            request.Options.Set(IdentityProviderRequestMarkers.NotIdempotent, true);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken)
                .ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return new IdentityProviderResponse(
                method,
                uri,
                (int)response.StatusCode,
                text,
                ParseJson(text),
                RetryAfterHeader.Read(response.Headers, timeProvider))
            {
                NextPage = WebLinks.NextPage(response.Headers, uri),
            };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or OperationCanceledException
            or ExecutionRejectedException)
        {
            throw IdentityProviderErrors.FromException(operation, method, uri, exception, mayHaveActed, scrubber);
        }
    }

    public static IdentityProviderException Failure(
        IdentityProviderResponse response, IdentityProviderOperation operation, bool mayHaveActed, SecretScrubber scrubber) =>
        IdentityProviderErrors.FromResponse(
            operation,
            response.Method,
            response.Uri,
            response.Status,
            response.Body,
            response.Json,
            response.RetryAfter,
            mayHaveActed,
            scrubber);

    public static IdentityProviderException InvalidResponse(
        IdentityProviderResponse response,
        IdentityProviderOperation operation,
        string reason,
        bool mayHaveActed,
        SecretScrubber scrubber) =>
        IdentityProviderErrors.InvalidResponse(
            operation, response.Method, response.Uri, response.Status, reason, response.Body, mayHaveActed, scrubber);

    private static JsonElement? ParseJson(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
