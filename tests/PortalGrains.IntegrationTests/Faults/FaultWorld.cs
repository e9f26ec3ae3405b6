using System.Text.Json;
using PortalGrains.IntegrationTests.Infrastructure;
using PortalGrains.Testing;
using Xunit.Abstractions;

namespace PortalGrains.IntegrationTests.Faults;

/// <summary>
/// One fault test's world: an own dev IdP whose issuer is a <see cref="FaultProxy"/> in front of it, a provider
/// registered at the proxy's address, and the catalogue and access requests of the test, driven over /graphql.
/// </summary>
public sealed class FaultWorld : IAsyncDisposable
{
    public const string RequestQuery = """
        query($id: ID!) { accessRequest(id: $id) { id status failureReason correlationId history { to note actor } } }
        """;

    private FaultWorld(PortalHost host, FaultProxy proxy, DevIdentityProvider idp, string admin)
    {
        Proxy = proxy;
        Idp = idp;
        Portal = new PortalScenario(host, idp);
        Admin = admin;
    }

    public FaultProxy Proxy { get; }

    /// <summary>The IdP itself, reached directly (not through the proxy) for the test's own look-ups.</summary>
    public DevIdentityProvider Idp { get; }

    public PortalScenario Portal { get; }

    public string Admin { get; private set; }

    public string ProviderId => Portal.ProviderId;

    /// <summary>Starts the proxy and an IdP whose issuer (and so every URL it names) is the proxy's address.</summary>
    public static async Task<FaultWorld> StartAsync(PortalHost host, int seed)
    {
        var proxy = FaultProxy.Start(seed);
        try
        {
            var idp = await DevIdentityProvider.StartOwnAsync(new Dictionary<string, string> { ["ISSUER"] = proxy.BaseUrl });
            proxy.Target = idp.Issuer;
            var world = new FaultWorld(host, proxy, idp, admin: "");
            world.Admin = await world.Portal.AdminTokenAsync();
            return world;
        }
        catch
        {
            await proxy.DisposeAsync();
            throw;
        }
    }

    /// <summary>upsertProvider at the proxy's well-known URL; returns the provider as the answer shows it.</summary>
    public async Task<JsonElement> UpsertProviderAsync()
    {
        var response = await Portal.GraphQL.SendAsync("""
            mutation($input: UpsertProviderInput!) {
              upsertProvider(input: $input) {
                provider { id discovery { issuer registrationEndpoint tokenEndpoint } discoveryError }
                errors { code message field }
              }
            }
            """,
            new
            {
                input = DevProviderInput.Create(ProviderId, "Faulty IdP " + ProviderId, Proxy.WellKnownUrl),
            },
            Admin);
        return response.Payload("upsertProvider").GetProperty("provider");
    }

    /// <summary>A provider whose discovery must have been read through the proxy.</summary>
    public async Task CreateProviderAsync()
    {
        var provider = await UpsertProviderAsync();
        var discovery = provider.GetProperty("discovery");
        if (discovery.ValueKind == JsonValueKind.Null)
        {
            throw new InvalidOperationException("the provider's discovery is null: " + provider);
        }

        // Every endpoint the portal calls must be the proxy's, or faults would be bypassed.
        Assert.StartsWith(Proxy.BaseUrl + "/", discovery.GetProperty("registrationEndpoint").GetString());
        Assert.StartsWith(Proxy.BaseUrl + "/", discovery.GetProperty("tokenEndpoint").GetString());
    }

    public async Task<(string Product, string Plan)> CreateCatalogueAsync(string name = "faulty", string scope = "f.read")
    {
        var product = await Portal.CreateProductAsync(Admin, name, scope);
        var plan = await Portal.CreatePlanAsync(Admin, "basic-" + name, autoApprove: false, "plan.basic");
        return (product, plan);
    }

    public async Task<JsonElement> RequestAsync(string requestId, string? token = null) =>
        (await Portal.GraphQL.SendAsync(RequestQuery, new { id = requestId }, token ?? Admin)).At("accessRequest");

    public async Task<string> StatusAsync(string requestId) =>
        (await RequestAsync(requestId)).GetProperty("status").GetString()!;

    public async Task<JsonElement> WaitForStatusAsync(string requestId, string status, TimeSpan timeout) =>
        await Eventually.ReturnsAsync(
            () => RequestAsync(requestId),
            r => r.GetProperty("status").GetString() == status,
            timeout,
            $"access request {requestId} becoming {status}");

    /// <summary>The admin's audit of the application's IdP operations, oldest first.</summary>
    public async Task<IReadOnlyList<JsonElement>> OperationsAsync(string applicationId)
    {
        var response = await Portal.GraphQL.SendAsync("""
            query($id: ID!) { application(id: $id) { operations { operation outcome clientId detail at } } }
            """, new { id = applicationId }, Admin);
        return [.. response.At("application.operations").EnumerateArray().Reverse()];
    }

    public async Task<JsonElement> RetryAsync(string requestId) =>
        (await Portal.GraphQL.SendAsync("""
            mutation($input: DecideInput!) {
              retryAccessRequest(input: $input) { accessRequest { id status failureReason } errors { code message } }
            }
            """, new { input = new { id = requestId } }, Admin)).Payload("retryAccessRequest").GetProperty("accessRequest");

    /// <summary>The client ids in the application's credentials, as its owner reads them.</summary>
    public async Task<IReadOnlyList<string>> PortalClientIdsAsync(string owner, string applicationId) =>
        [.. (await Portal.CredentialsAsync(owner, applicationId)).GetProperty("credentials").EnumerateArray()
            .Select(c => c.GetProperty("clientId").GetString()!)];

    /// <summary>The client ids the IdP holds for the application (tagged software_id portal:{id}).</summary>
    public async Task<IReadOnlyList<string>> IdpClientIdsAsync(string applicationId) =>
        [.. (await Idp.ClientsOfApplicationAsync(applicationId)).Select(c => c.GetProperty("client_id").GetString()!)];

    /// <summary>Prints what the proxy saw: requests by method and path, faults injected, what reached the IdP.</summary>
    public void PrintProxyFigures(ITestOutputHelper output)
    {
        var exchanges = Proxy.Exchanges;
        output.WriteLine($"proxy: {exchanges.Count} requests, {exchanges.Count(e => e.Fault is not null)} faults injected, "
            + $"{exchanges.Count(e => e.Forwarded)} reached the IdP");
        foreach (var group in exchanges.GroupBy(e => $"{e.Method} {Shape(e.Path)}").OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var faults = string.Join(", ", group.Where(e => e.Fault is not null).GroupBy(e => e.Fault)
                .Select(f => $"{f.Key} x{f.Count()}"));
            var statuses = string.Join(", ", group.GroupBy(e => e.Status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "dropped")
                .OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key} x{s.Count()}"));
            output.WriteLine($"  {group.Key}: {group.Count()} (to the IdP {group.Count(e => e.Forwarded)}; statuses {statuses}"
                + (faults.Length > 0 ? $"; faults {faults}" : "") + ")");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Proxy.DisposeAsync();
        await Idp.DisposeAsync();
    }

    private static string Shape(string path) => path.StartsWith("/reg/", StringComparison.Ordinal) ? "/reg/{clientId}" : path;
}
