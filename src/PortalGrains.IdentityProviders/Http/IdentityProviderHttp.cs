using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Duende.IdentityModel.Client;
using Polly;
using PortalGrains.IdentityProviders.Errors;
using PortalGrains.IdentityProviders.Registration;

namespace PortalGrains.IdentityProviders.Http;

/// <summary>
/// Sends one request to an identity provider and types the failures that happen before an answer: the boundary past
/// which no transport exception (refused connection, timeout, open circuit, refusal by the outbound policy) travels,
/// only <see cref="IdentityProviderException"/>.
/// </summary>
internal static class IdentityProviderHttp
{
    private static readonly MediaTypeWithQualityHeaderValue AcceptJson = new("application/json");

    /// <param name="mayHaveActed">The request is not idempotent: once sent, a lost answer is Uncertain, not Transient.</param>
    public static Task<IdentityProviderResponse> SendAsync(
        HttpClient http,
        HttpMethod method,
        Uri uri,
        AuthenticationHeaderValue? authorization,
        JsonNode? body,
        IdentityProviderOperation operation,
        bool mayHaveActed,
        SecretScrubber scrubber,
        TimeProvider timeProvider,
        CancellationToken cancellationToken) =>
        SendAsync(http, method, uri, authorization, headers: [], body, operation, mayHaveActed, scrubber, timeProvider, cancellationToken);

    /// <param name="headers">Further request headers (an API key header where the service takes no Authorization).</param>
    public static async Task<IdentityProviderResponse> SendAsync(
        HttpClient http,
        HttpMethod method,
        Uri uri,
        AuthenticationHeaderValue? authorization,
        IReadOnlyList<KeyValuePair<string, string>> headers,
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
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
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

    /// <summary>
    /// Sends a client_credentials token request. A failure before any answer comes out as an
    /// <see cref="IdentityProviderException"/>; an answer, error or not, as the <see cref="TokenResponse"/>.
    /// </summary>
    public static async Task<TokenResponse> RequestClientCredentialsTokenAsync(
        HttpClient http,
        ClientCredentialsTokenRequest request,
        Uri endpoint,
        IdentityProviderOperation operation,
        SecretScrubber scrubber,
        CancellationToken cancellationToken)
    {
        TokenResponse response;
        try
        {
            response = await http.RequestClientCredentialsTokenAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            // a token request changes nothing at the identity provider: a timeout is simply transient
            throw IdentityProviderErrors.FromException(operation, HttpMethod.Post, endpoint, exception, mayHaveActed: false, scrubber);
        }

        // the token client reports a failure to send as a response without an HTTP answer
        return response.ErrorType == ResponseErrorType.Exception && response.HttpResponse is null
            ? throw IdentityProviderErrors.FromException(
                operation, HttpMethod.Post, endpoint, response.Exception ?? new HttpRequestException(response.Error),
                mayHaveActed: false, scrubber)
            : response;
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
