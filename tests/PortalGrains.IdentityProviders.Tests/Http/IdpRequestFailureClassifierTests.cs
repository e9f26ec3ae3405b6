using System.Net;
using System.Net.Sockets;
using Polly.CircuitBreaker;
using Polly.Timeout;
using PortalGrains.IdentityProviders.Http;

namespace PortalGrains.IdentityProviders.Tests.Http;

public sealed class IdpRequestFailureClassifierTests
{
    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, IdpRequestFailureKind.Uncertain)]
    [InlineData(HttpStatusCode.BadGateway, IdpRequestFailureKind.Uncertain)]
    [InlineData(HttpStatusCode.GatewayTimeout, IdpRequestFailureKind.Uncertain)]
    [InlineData(HttpStatusCode.ServiceUnavailable, IdpRequestFailureKind.Rejected)]
    [InlineData(HttpStatusCode.TooManyRequests, IdpRequestFailureKind.Rejected)]
    [InlineData(HttpStatusCode.BadRequest, IdpRequestFailureKind.Rejected)]
    [InlineData(HttpStatusCode.Unauthorized, IdpRequestFailureKind.Rejected)]
    public void Statuses_are_classified_by_whether_the_idp_may_have_acted(HttpStatusCode status, IdpRequestFailureKind expected)
    {
        var failure = IdpRequestFailureClassifier.Classify(status);

        Assert.Equal(expected, failure.Kind);
        Assert.Equal(status, failure.StatusCode);
    }

    [Fact]
    public void A_success_response_is_no_failure()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.Created);

        Assert.Null(IdpRequestFailureClassifier.Classify(response));
    }

    [Fact]
    public void Retry_after_is_read_from_a_rejection()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(7));

        var failure = IdpRequestFailureClassifier.Classify(response)!;

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

        Assert.Equal(IdpRequestFailureKind.NotSent, IdpRequestFailureClassifier.Classify(refused).Kind);
        Assert.Equal(IdpRequestFailureKind.NotSent, IdpRequestFailureClassifier.Classify(dns).Kind);
        Assert.Equal(IdpRequestFailureKind.NotSent, IdpRequestFailureClassifier.Classify(new BrokenCircuitException()).Kind);
        Assert.Equal(IdpRequestFailureKind.Uncertain, IdpRequestFailureClassifier.Classify(ended).Kind);
        Assert.Equal(IdpRequestFailureKind.Uncertain, IdpRequestFailureClassifier.Classify(new TimeoutRejectedException()).Kind);
        Assert.Equal(IdpRequestFailureKind.Uncertain, IdpRequestFailureClassifier.Classify(new TaskCanceledException()).Kind);
    }
}
