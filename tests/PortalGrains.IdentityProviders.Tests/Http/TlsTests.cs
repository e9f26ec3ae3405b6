using System.Net;
using Microsoft.Extensions.Logging;
using PortalGrains.IdentityProviders.Http;
using PortalGrains.IdentityProviders.Tests.Http.Support;

namespace PortalGrains.IdentityProviders.Tests.Http;

public sealed class TlsTests
{
    [Fact]
    public void Every_client_created_with_SslInsecureSkipVerify_logs_a_warning()
    {
        var logs = new CapturingLoggerProvider();
        using var loggerFactory = logs.CreateFactory();
        using var factory = TestHttp.CreateFactory(loggerFactory: loggerFactory);
        var insecure = TestHttp.NewProvider("tls-insecure") with { SslInsecureSkipVerify = true };
        var secure = TestHttp.NewProvider("tls-secure");

        factory.CreateClient(insecure).Dispose();
        factory.CreateClient(insecure).Dispose();
        factory.CreateClient(secure).Dispose();

        var warnings = logs.Logs.Where(l => l.Level == LogLevel.Warning && l.EventId.Id == 7100).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.All(warnings, w => Assert.Contains(insecure.ProviderId, w.Message, StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Logs, l => l.Message.Contains(secure.ProviderId, StringComparison.Ordinal) && l.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task An_untrusted_server_certificate_is_rejected_by_default_and_the_failure_is_not_sent()
    {
        using var certificates = TestCertificates.Create();
        await using var server = new ScriptedHttpServer(_ => new ScriptedResponse(200), certificates.Server);
        using var factory = TestHttp.CreateFactory();
        using var client = factory.CreateClient(TestHttp.NewProvider("tls-default") with { AllowHttp = false });

        var exception = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(server.BaseUri));

        Assert.Equal(HttpRequestError.SecureConnectionError, exception.HttpRequestError);
        Assert.Equal(IdentityProviderRequestFailureKind.NotSent, IdentityProviderRequestFailureClassifier.Classify(exception).Kind);
        Assert.Equal(0, server.RequestCount);
    }

    [Fact]
    public async Task SslInsecureSkipVerify_accepts_an_untrusted_certificate()
    {
        using var certificates = TestCertificates.Create();
        await using var server = new ScriptedHttpServer(_ => new ScriptedResponse(200), certificates.Server);
        using var factory = TestHttp.CreateFactory();
        using var client = factory.CreateClient(
            TestHttp.NewProvider("tls-skip") with { AllowHttp = false, SslInsecureSkipVerify = true });

        using var response = await client.GetAsync(server.BaseUri);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task SslInsecureSkipVerify_is_ignored_when_the_outbound_policy_does_not_allow_insecure_tls()
    {
        using var certificates = TestCertificates.Create();
        await using var server = new ScriptedHttpServer(_ => new ScriptedResponse(200), certificates.Server);
        var logs = new CapturingLoggerProvider();
        using var loggerFactory = logs.CreateFactory();
        using var factory = TestHttp.CreateFactory(loggerFactory: loggerFactory, policy: TestHttp.Policy(o => o.AllowInsecureTls = false));
        var settings = TestHttp.NewProvider("tls-skip-refused") with { AllowHttp = false, SslInsecureSkipVerify = true };
        using var client = factory.CreateClient(settings);

        var exception = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(server.BaseUri));

        Assert.Equal(HttpRequestError.SecureConnectionError, exception.HttpRequestError);
        Assert.Equal(0, server.RequestCount);
        Assert.Contains(logs.Logs, l => l.EventId.Id == 7112 && l.Message.Contains(settings.ProviderId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_custom_CA_bundle_trusts_its_own_CA_and_only_it()
    {
        using var certificates = TestCertificates.Create();
        using var otherCertificates = TestCertificates.Create();
        await using var server = new ScriptedHttpServer(_ => new ScriptedResponse(200), certificates.Server);
        using var factory = TestHttp.CreateFactory();
        using var trusting = factory.CreateClient(
            TestHttp.NewProvider("tls-ca") with { AllowHttp = false, CustomCaBundlePem = certificates.AuthorityPem });
        using var otherCa = factory.CreateClient(
            TestHttp.NewProvider("tls-other-ca") with { AllowHttp = false, CustomCaBundlePem = otherCertificates.AuthorityPem });

        using (var response = await trusting.GetAsync(server.BaseUri))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var rejected = await Assert.ThrowsAsync<HttpRequestException>(() => otherCa.GetAsync(server.BaseUri));
        Assert.Equal(HttpRequestError.SecureConnectionError, rejected.HttpRequestError);
    }

    [Fact]
    public void A_CA_bundle_without_certificates_is_refused_with_a_clear_error()
    {
        using var factory = TestHttp.CreateFactory();

        var error = Assert.Throws<ArgumentException>(() => factory.CreateClient(
            TestHttp.NewProvider("tls-bad-ca") with { CustomCaBundlePem = "not a certificate" }));

        Assert.Contains("CA bundle", error.Message, StringComparison.Ordinal);
    }
}
