using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using PortalGrains.IdentityProviders.Errors;
using PortalGrains.IdentityProviders.Http;

namespace PortalGrains.IdentityProviders.Registration;

/// <summary>
/// The HTTP calls of one registration driver: sent through <see cref="IdentityProviderHttp"/>, and every failure,
/// whether the call did not get an answer or the answer is an error, logged once with the driver's kind.
/// </summary>
internal sealed class RegistrationCalls(IdentityProviderKind kind, ILogger logger, TimeProvider timeProvider)
{
    /// <summary>Sends the call and returns the answer, error answers included; a call without an answer throws.</summary>
    public async Task<IdentityProviderResponse> SendAsync(
        HttpClient http,
        HttpMethod method,
        Uri uri,
        AuthenticationHeaderValue? authorization,
        JsonNode? body,
        IdentityProviderOperation operation,
        bool mayHaveActed,
        SecretScrubber scrubber,
        CancellationToken cancellationToken)
    {
        try
        {
            return await IdentityProviderHttp.SendAsync(
                    http, method, uri, authorization, body, operation, mayHaveActed, scrubber, timeProvider, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (IdentityProviderException exception)
        {
            Log(operation, exception);
            throw;
        }
    }

    /// <summary>The failure an error answer stands for, in the driver's words (<paramref name="reword"/>), logged.</summary>
    public IdentityProviderException Fail(
        IdentityProviderResponse response,
        IdentityProviderOperation operation,
        bool mayHaveActed,
        SecretScrubber scrubber,
        Func<IdentityProviderException, IdentityProviderException>? reword = null)
    {
        var error = IdentityProviderHttp.Failure(response, operation, mayHaveActed, scrubber);
        error = reword?.Invoke(error) ?? error;
        Log(operation, error);
        return error;
    }

    private void Log(IdentityProviderOperation operation, IdentityProviderException error) =>
        RegistrationLog.CallFailed(logger, kind, operation, error.Kind, error.HttpStatus, error.Error);
}
