using Microsoft.Extensions.DependencyInjection;
using PortalGrains.IdentityProviders.Discovery;
using PortalGrains.IdentityProviders.Http;
using PortalGrains.Testing;

namespace PortalGrains.IdentityProviders.Tests.Vendors;

/// <summary>
/// The Entra ID driver as the host composes it (from DI, through a provider's HttpClient pipeline) against a stateful
/// fake of a tenant's token endpoint and Microsoft Graph: what the tenant holds after each operation.
/// </summary>
public sealed class EntraDriverWireTests : IAsyncLifetime
{
    private const string Read = "orders.read";
    private const string Write = "orders.write";

    private readonly ServiceProvider services = new ServiceCollection()
        .AddLogging()
        .AddIdentityProviderHttp()
        .AddOutboundPolicy(o => o.BlockLoopback = false)
        .AddIdentityProviderMetadataCache()
        .AddClientRegistrationDrivers()
        .BuildServiceProvider();

    private readonly EntraTenantFake tenant = EntraTenantFake.Start(Read, Write, "plan.gold");
    private HttpClient http = null!;

    private EntraClientRegistrationDriver Driver =>
        (EntraClientRegistrationDriver)services.GetRequiredService<ClientRegistrationDriverFactory>().GetDriver(IdentityProviderKind.Entra);

    public Task InitializeAsync()
    {
        http = services.GetRequiredService<IIdentityProviderHttpClientFactory>()
            .CreateClient(new ProviderHttpSettings("entra-" + Guid.NewGuid().ToString("N")) { AllowHttp = true });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await tenant.DisposeAsync();
        await services.DisposeAsync();
    }

    [Fact]
    public async Task Registers_an_application_with_a_service_principal_a_password_and_an_app_role_assignment_per_scope()
    {
        var client = await Driver.RegisterAsync(Connection(), Request(Read, "plan.gold"));

        var application = tenant.Application(client.ClientId) ?? throw new InvalidOperationException("no application at the tenant");
        Assert.Equal("Orders reporting [portal:app-1]", application["displayName"]!.GetValue<string>());
        Assert.Equal(["portal:app-1"], application["tags"]!.AsArray().Select(t => t!.GetValue<string>()));
        var access = Assert.Single(application["requiredResourceAccess"]!.AsArray())!;
        Assert.Equal(tenant.ApiApplicationId, access["resourceAppId"]!.GetValue<string>());
        Assert.Equal(2, access["resourceAccess"]!.AsArray().Count);
        Assert.All(access["resourceAccess"]!.AsArray(), item => Assert.Equal("Role", item!["type"]!.GetValue<string>()));
        Assert.Equal([Read, "plan.gold"], tenant.AssignedRoles(client.ClientId).Order());

        Assert.StartsWith("sEc~", client.ClientSecret, StringComparison.Ordinal);
        Assert.True(client.ClientSecretExpiresAt > DateTimeOffset.UtcNow.AddYears(1));
        Assert.Equal([Read, "plan.gold"], client.Metadata.Scopes.Order());
        Assert.Equal(EntraClientRegistrationDriver.PasswordKeyIdOf(client), Assert.Single(tenant.PasswordKeyIds(client.ClientId)));
        Assert.Equal(1, tenant.Requests.Count(r => r.StartsWith("POST /" + tenant.TenantId + "/oauth2/v2.0/token", StringComparison.Ordinal)));

        // the secret works at the tenant's token endpoint, and the token carries the app roles
        var token = await DeveloperTokenAsync(client.ClientId, client.ClientSecret!);
        Assert.Equal(System.Net.HttpStatusCode.OK, token.StatusCode);
    }

    [Fact]
    public async Task Update_adds_and_removes_app_role_assignments_and_read_sees_them()
    {
        var client = await Driver.RegisterAsync(Connection(), Request(Read));

        var updated = await Driver.UpdateAsync(Connection(), client, Request(Write, "plan.gold"));
        var read = await Driver.ReadAsync(Connection(), updated);

        Assert.Equal([Write, "plan.gold"], tenant.AssignedRoles(client.ClientId).Order());
        Assert.Equal([Write, "plan.gold"], updated.Metadata.Scopes.Order());
        Assert.Equal([Write, "plan.gold"], read.Metadata.Scopes.Order());
        Assert.Equal(client.ClientSecret, read.ClientSecret);
        Assert.Equal(EntraClientRegistrationDriver.PasswordKeyIdOf(client), EntraClientRegistrationDriver.PasswordKeyIdOf(read));
        var access = Assert.Single(tenant.Application(client.ClientId)!["requiredResourceAccess"]!.AsArray())!;
        Assert.Equal(2, access["resourceAccess"]!.AsArray().Count);
    }

    [Fact]
    public async Task Rotation_adds_a_password_and_the_previous_one_works_until_it_is_revoked()
    {
        var client = await Driver.RegisterAsync(Connection(), Request(Read));

        var rotation = await Driver.RotateSecretAsync(Connection(), client, Request(Read));

        Assert.Equal(RotationStrategy.AdditionalSecret, rotation.Strategy);
        Assert.True(rotation.CallerMustRevokePreviousSecret);
        Assert.False(rotation.CallerMustDeletePreviousClient);
        Assert.Equal(client.ClientId, rotation.Client.ClientId);
        Assert.NotEqual(client.ClientSecret, rotation.Client.ClientSecret);
        Assert.Equal(2, tenant.PasswordKeyIds(client.ClientId).Count);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await DeveloperTokenAsync(client.ClientId, client.ClientSecret!)).StatusCode);

        Assert.Equal(ClientDeletionOutcome.Deleted, await Driver.RevokeSecretAsync(Connection(), rotation.PreviousClient));
        Assert.Equal(ClientDeletionOutcome.AlreadyGone, await Driver.RevokeSecretAsync(Connection(), rotation.PreviousClient));

        Assert.Equal([EntraClientRegistrationDriver.PasswordKeyIdOf(rotation.Client)!], tenant.PasswordKeyIds(client.ClientId));
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await DeveloperTokenAsync(client.ClientId, client.ClientSecret!)).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await DeveloperTokenAsync(client.ClientId, rotation.Client.ClientSecret!)).StatusCode);
    }

    [Fact]
    public async Task Delete_removes_the_application_and_a_repeated_delete_finds_it_gone()
    {
        var client = await Driver.RegisterAsync(Connection(), Request(Read));

        Assert.Equal(ClientDeletionOutcome.Deleted, await Driver.DeleteAsync(Connection(), client));
        Assert.Equal(ClientDeletionOutcome.AlreadyGone, await Driver.DeleteAsync(Connection(), client));

        Assert.Empty(tenant.ApplicationIds);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await DeveloperTokenAsync(client.ClientId, client.ClientSecret!)).StatusCode);
    }

    [Fact]
    public async Task Search_finds_the_applications_tagged_with_the_portal_application_and_only_those()
    {
        var first = await Driver.RegisterAsync(Connection(), Request(Read));
        var second = await Driver.RegisterAsync(Connection(), Request(Read));
        await Driver.RegisterAsync(Connection(), Request(Read) with { PortalApplicationId = "app-10" });

        var found = await Driver.FindClientsOfApplicationAsync(Connection(), "app-1", "Orders reporting [portal:app-1]");

        Assert.Equal(new[] { first.ClientId, second.ClientId }.Order(), found.Select(c => c.ClientId).Order());
        Assert.All(found, c => Assert.Equal("Orders reporting [portal:app-1]", c.ClientName));
        Assert.Contains(tenant.Requests, r => r.Contains("$filter=tags/any(t:t eq 'portal:app-1')", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Graph_throttling_is_retried_after_its_retry_after()
    {
        tenant.ThrottleNextGraphRequests(2, retryAfterSeconds: 0);

        var client = await Driver.RegisterAsync(Connection(), Request(Read));

        Assert.Equal([Read], tenant.AssignedRoles(client.ClientId));
        Assert.Single(tenant.ApplicationIds);
    }

    [Fact]
    public async Task A_scope_that_is_no_app_role_of_the_api_is_refused_before_anything_is_created()
    {
        var error = await Assert.ThrowsAsync<IdentityProviderException>(() => Driver.RegisterAsync(Connection(), Request(Read, "orders.delete")));

        Assert.Equal(IdentityProviderErrorKind.Permanent, error.Kind);
        Assert.Equal(IdentityProviderMessages.InvalidScope, error.DeveloperMessage);
        Assert.Contains("\"orders.delete\"", error.AdminDetail, StringComparison.Ordinal);
        Assert.Empty(tenant.ApplicationIds);
    }

    [Fact]
    public async Task The_access_check_reads_the_token_permissions_and_the_apis_app_roles()
    {
        var detail = await Driver.ProbeAsync(Connection());

        Assert.Contains($"the API {tenant.ApiApplicationId} offers 3 app role(s) for applications: orders.read, orders.write, plan.gold", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_discovery_document_of_a_tenant_named_by_domain_states_the_tenant_id_issuer()
    {
        var source = new ProviderMetadataSource(new ProviderHttpSettings("entra-discovery-" + Guid.NewGuid().ToString("N")) { AllowHttp = true }, new Uri(tenant.WellKnownUrl), 1)
        {
            IssuerNamesTenantId = true,
        };
        var metadata = services.GetRequiredService<IProviderMetadataCache>();

        var discovery = await metadata.GetDiscoveryAsync(source);
        var keys = await metadata.GetKeySetAsync(source);

        Assert.Equal(tenant.Issuer, discovery.Issuer);
        Assert.Equal(tenant.TokenEndpoint, discovery.TokenEndpoint!.AbsoluteUri);
        Assert.Single(keys.SigningKeys);
        // without the Entra rule the same document is refused: its issuer is not the well-known URL's prefix
        await Assert.ThrowsAsync<IdentityProviderIssuerMismatchException>(() =>
            metadata.GetDiscoveryAsync(source with { Http = new ProviderHttpSettings("entra-plain-" + Guid.NewGuid().ToString("N")) { AllowHttp = true }, IssuerNamesTenantId = false }));
    }

    private IdentityProviderConnection Connection() =>
        new(
            http,
            new RegistrationEndpoints(new Uri(tenant.Issuer), new Uri(tenant.GraphBaseUrl), new Uri(tenant.TokenEndpoint)),
            new EntraGraphClient(EntraTenantFake.PortalClientId, EntraTenantFake.PortalClientSecret, EntraGraphClient.DefaultScope, tenant.ApiApplicationId));

    private static ClientRegistrationRequest Request(params string[] scopes) =>
        new("app-1", "Orders reporting", new ClientMetadata
        {
            GrantTypes = ["client_credentials"],
            TokenEndpointAuthMethod = "client_secret_post",
            Scopes = scopes,
        });

    private async Task<HttpResponseMessage> DeveloperTokenAsync(string clientId, string secret)
    {
        using var plain = new HttpClient();
        return await plain.PostAsync(tenant.TokenEndpoint, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
            ["scope"] = $"api://{tenant.ApiApplicationId}/.default",
        }));
    }
}
