using Microsoft.Extensions.DependencyInjection;
using PortalGrains.IdentityProviders.Errors;
using PortalGrains.IdentityProviders.Http;
using PortalGrains.IdentityProviders.Registration;
using PortalGrains.IdentityProviders.Tests.Infrastructure;

namespace PortalGrains.IdentityProviders.Tests.Registration;

/// <summary>The drivers as the host composes them: resolved from DI, calling through a provider's HttpClient pipeline.</summary>
[Collection(DevIdentityProviderCollection.Name)]
public sealed class ProviderPipelineRegistrationTests(DevIdentityProviderFixture idp) : IDisposable
{
    private readonly ServiceProvider services = new ServiceCollection()
        .AddLogging()
        .AddIdentityProviderHttp()
        .AddOutboundPolicy(o => o.BlockLoopback = false)
        .AddClientRegistrationDrivers()
        .BuildServiceProvider();

    public void Dispose() => services.Dispose();

    [Fact]
    public async Task Registers_and_deletes_through_the_provider_pipeline()
    {
        var driver = services.GetRequiredService<ClientRegistrationDriverFactory>().GetDriver(IdentityProviderKind.Other);
        using var http = services.GetRequiredService<IIdentityProviderHttpClientFactory>()
            .CreateClient(new ProviderHttpSettings("pipeline-" + Guid.NewGuid().ToString("N")) { AllowHttp = true });
        var request = TestRequests.ClientCredentials("a");

        var client = await driver.RegisterAsync(idp.Connection(http: http), request);

        Assert.Single(await idp.ListClientsAsync(softwareId: PortalClientTag.SoftwareId(request.PortalApplicationId)));
        Assert.Equal(ClientDeletionOutcome.Deleted, await driver.DeleteAsync(idp.Connection(http: http), client));
    }

    [Fact]
    public async Task Address_refused_by_the_outbound_rules_is_permanent_and_sends_nothing()
    {
        var driver = services.GetRequiredService<ClientRegistrationDriverFactory>().GetDriver(IdentityProviderKind.Other);
        // plain http is not allowed for this provider
        using var http = services.GetRequiredService<IIdentityProviderHttpClientFactory>()
            .CreateClient(new ProviderHttpSettings("pipeline-" + Guid.NewGuid().ToString("N")));
        var request = TestRequests.ClientCredentials("a");

        var error = await Assert.ThrowsAsync<IdentityProviderException>(() => driver.RegisterAsync(idp.Connection(http: http), request));

        Assert.Equal(IdentityProviderErrorKind.Permanent, error.Kind);
        Assert.Equal(IdentityProviderMessages.AddressRefused, error.DeveloperMessage);
        Assert.Empty(await idp.ListClientsAsync(softwareId: PortalClientTag.SoftwareId(request.PortalApplicationId)));
    }
}
