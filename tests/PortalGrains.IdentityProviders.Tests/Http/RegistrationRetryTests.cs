using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using PortalGrains.IdentityProviders.Http;
using PortalGrains.IdentityProviders.Tests.Http.Support;
using PortalGrains.Testing;

namespace PortalGrains.IdentityProviders.Tests.Http;

/// <summary>A raw RFC 7591 registration POST through a provider's pipeline, against the dev IdP with injected faults.</summary>
public sealed class RegistrationRetryTests
{
    [Fact]
    public async Task Injected_503s_on_registration_are_retried_to_one_created_client()
    {
        await using var idp = await DevIdentityProvider.StartOwnAsync();
        var settings = TestHttp.NewProvider("registration-503");
        var clientName = $"retry-503-{Guid.NewGuid():N}";
        var registrationsBefore = await idp.StatAsync("registration");
        Assert.Equal(0, await idp.CountClientsAsync(clientName));
        await idp.InjectFaultsAsync(new { registrationStatus = 503, count = 3 });

        using var attempts = new AttemptCounter(settings.ProviderId);
        using var factory = TestHttp.CreateFactory(TestHttp.FastOptions(o => o.MaxRetryAttempts = 3));
        using var client = factory.CreateClient(settings);
        using var response = await client.SendAsync(NewRegistration(idp, clientName));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(1, await idp.CountClientsAsync(clientName));
        Assert.Equal(registrationsBefore + 4, await idp.StatAsync("registration"));
        Assert.Equal(4, attempts.Attempts);
    }

    [Fact]
    public async Task More_503s_than_retries_return_the_503_classified_as_safe_to_retry()
    {
        await using var idp = await DevIdentityProvider.StartOwnAsync();
        var settings = TestHttp.NewProvider("registration-503-exhausted");
        var clientName = $"retry-exhausted-{Guid.NewGuid():N}";
        await idp.InjectFaultsAsync(new { registrationStatus = 503, count = 5, retryAfter = 1 });

        using var factory = TestHttp.CreateFactory(TestHttp.FastOptions(o => o.MaxRetryAttempts = 2));
        using var client = factory.CreateClient(settings);
        using var response = await client.SendAsync(NewRegistration(idp, clientName));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var failure = IdentityProviderRequestFailureClassifier.Classify(response);
        Assert.NotNull(failure);
        Assert.Equal(IdentityProviderRequestFailureKind.Rejected, failure.Kind);
        Assert.True(failure.IsSafeToRetry);
        Assert.Equal(TimeSpan.FromSeconds(1), failure.RetryAfter);
        Assert.Equal(0, await idp.CountClientsAsync(clientName));
    }

    [Fact]
    public async Task A_registration_whose_answer_is_lost_is_not_retried_and_is_uncertain()
    {
        await using var idp = await DevIdentityProvider.StartOwnAsync();
        var settings = TestHttp.NewProvider("registration-dropped");
        var clientName = $"dropped-{Guid.NewGuid():N}";
        await idp.InjectFaultsAsync(new { registrationDropResponse = true, count = 1 });

        using var attempts = new AttemptCounter(settings.ProviderId);
        using var factory = TestHttp.CreateFactory(TestHttp.FastOptions(o => o.MaxRetryAttempts = 3));
        using var client = factory.CreateClient(settings);
        var exception = await Assert.ThrowsAsync<HttpRequestException>(() => client.SendAsync(NewRegistration(idp, clientName)));

        var failure = IdentityProviderRequestFailureClassifier.Classify(exception);
        Assert.Equal(IdentityProviderRequestFailureKind.Uncertain, failure.Kind);
        Assert.True(failure.MayHaveBeenActedOn);
        Assert.Equal(1, attempts.Attempts);
        // The IdP acted: exactly the one client the lost answer was about.
        Assert.Equal(1, await idp.CountClientsAsync(clientName));
    }

    private static HttpRequestMessage NewRegistration(DevIdentityProvider idp, string clientName)
    {
        var metadata = JsonSerializer.Serialize(new
        {
            client_name = clientName,
            grant_types = new[] { "client_credentials" },
            scope = "orders:read",
            token_endpoint_auth_method = "client_secret_basic",
            response_types = Array.Empty<string>(),
        });
        var request = new HttpRequestMessage(HttpMethod.Post, idp.RegistrationEndpoint)
        {
            Content = new StringContent(metadata, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", DevIdentityProvider.InitialAccessToken);
        return request;
    }
}
