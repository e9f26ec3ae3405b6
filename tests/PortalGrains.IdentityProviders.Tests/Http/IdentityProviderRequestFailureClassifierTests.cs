using System.Net;
using System.Net.Sockets;
using Polly.CircuitBreaker;
using Polly.Timeout;
using PortalGrains.IdentityProviders.Http;

namespace PortalGrains.IdentityProviders.Tests.Http;

public sealed class IdentityProviderRequestFailureClassifierTests
{
    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, IdentityProviderRequestFailureKind.Uncertain)]
    [InlineData(HttpStatusCode.BadGateway, IdentityProviderRequestFailureKind.Uncertain)]
    [InlineData(HttpStatusCode.GatewayTimeout, IdentityProviderRequestFailureKind.Uncertain)]
    [InlineData(HttpStatusCode.ServiceUnavailable, IdentityProviderRequestFailureKind.Rejected)]
    [InlineData(HttpStatusCode.TooManyRequests, IdentityProviderRequestFailureKind.Rejected)]
    [InlineData(HttpStatusCode.BadRequest, IdentityProviderRequestFailureKind.Rejected)]
    [InlineData(HttpStatusCode.Unauthorized, IdentityProviderRequestFailureKind.Rejected)]
    public void Statuses_are_classified_by_whether_the_idp_may_have_acted(HttpStatusCode status, IdentityProviderRequestFailureKind expected)
    {
        var failure = IdentityProviderRequestFailureClassifier.Classify(status);

        Assert.Equal(expected, failure.Kind);
        Assert.Equal(status, failure.StatusCode);
    }

    [Fact]
    public void A_success_response_is_no_failure()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.Created);

        Assert.Null(IdentityProviderRequestFailureClassifier.Classify(response));
    }

    [Fact]
    public void Retry_after_is_read_from_a_rejection()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(7));

        var failure = IdentityProviderRequestFailureClassifier.Classify(response)!;

        Assert.Equal(TimeSpan.FromSeconds(7), failure.RetryAfter);
        Assert.True(failure.IsSafeToRetry);
    }

    [Fact]
    public void Exceptions_before_sending_are_not_sent_and_after_sending_uncertain()
    {
        var refused = new HttpRequestException(
            HttpRequestError.ConnectionError, "Connection refused", new SocketException((int)SocketError.ConnectionRefused));
        var dns = new HttpRequestException(HttpRequestError.NameResolutionError, "no such host");
        var ended = new HttpRequestException(HttpRequestError.ResponseEnded, "response ended prematurely");

        Assert.Equal(IdentityProviderRequestFailureKind.NotSent, IdentityProviderRequestFailureClassifier.Classify(refused).Kind);
        Assert.Equal(IdentityProviderRequestFailureKind.NotSent, IdentityProviderRequestFailureClassifier.Classify(dns).Kind);
        Assert.Equal(IdentityProviderRequestFailureKind.NotSent, IdentityProviderRequestFailureClassifier.Classify(new BrokenCircuitException()).Kind);
        Assert.Equal(IdentityProviderRequestFailureKind.Uncertain, IdentityProviderRequestFailureClassifier.Classify(ended).Kind);
        Assert.Equal(IdentityProviderRequestFailureKind.Uncertain, IdentityProviderRequestFailureClassifier.Classify(new TimeoutRejectedException()).Kind);
        Assert.Equal(IdentityProviderRequestFailureKind.Uncertain, IdentityProviderRequestFailureClassifier.Classify(new TaskCanceledException()).Kind);
    }
}
