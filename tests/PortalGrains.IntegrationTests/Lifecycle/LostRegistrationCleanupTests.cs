using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PortalGrains.IntegrationTests.Infrastructure;
using PortalGrains.Testing;

namespace PortalGrains.IntegrationTests.Lifecycle;

/// <summary>
/// A registration whose answer is lost after the identity provider created the client, at an Okta org (a wire-level
/// fake: Okta cannot run here): the portal registers again, then finds the client the lost answer left behind with
/// Okta's client listing and deletes it.
/// </summary>
public sealed class LostRegistrationCleanupTests
{
    private const string ApiToken = "00okta-api-token-cleanup-e2e";

    /// <param name="uniqueClientNames">
    /// The org refuses a second client with the same client_name (as Okta's does), so the leftover blocks the new
    /// registration until it is deleted; otherwise the new client is registered first and the leftover deleted after.
    /// </param>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_client_left_by_a_lost_registration_answer_is_found_at_okta_and_deleted_and_the_request_ends_active(bool uniqueClientNames)
    {
        await using var okta = OktaOrgFake.Start(uniqueClientNames);
        var host = new PortalHost
        {
            ExtraEnvironment = new Dictionary<string, string>
            {
                // searched a second after the lost answer (a minute by default), so the application is ACTIVE first
                ["Portal__Provisioning__UnsettledRegistrationSearchDelay"] = "00:00:01",
            },
        };
        await host.InitializeAsync();
        try
        {
            var portal = new PortalScenario(host, DevIdentityProvider.Shared);
            var admin = await portal.AdminTokenAsync();
            await CreateOktaProviderAsync(portal, admin, okta);
            var product = await portal.CreateProductAsync(admin, "orders", "orders.read");
            var plan = await portal.CreatePlanAsync(admin, "basic", autoApprove: false, "plan.basic");
            var developer = await portal.DeveloperTokenAsync("olga");
            var (requestId, applicationId) = await portal.CheckoutAsync(developer, product, plan);

            await portal.ApproveAsync(admin, requestId);
            await Eventually.ReturnsAsync(
                async () => (await portal.GraphQL.SendAsync("query($id: ID!) { accessRequest(id: $id) { status } }", new { id = requestId }, admin))
                    .At("accessRequest.status").GetString(),
                status => status == "ACTIVE",
                TimeSpan.FromSeconds(60),
                "the access request becoming ACTIVE after the lost registration answer");
            const string audit = "query($id: ID!) { application(id: $id) { operations { operation clientId outcome detail } } }";
            var operations = await Eventually.ReturnsAsync(
                async () => (await portal.GraphQL.SendAsync(audit, new { id = applicationId }, admin)).At("application.operations").EnumerateArray().ToList(),
                list => list.Any(o => o.GetProperty("operation").GetString() == "Delete"),
                TimeSpan.FromSeconds(60),
                "the audit recording the deletion of the client the lost answer left");

            var registrations = okta.Requests.Where(r => r is { Method: "POST", Path: "/oauth2/v1/clients" }).ToList();
            Assert.Equal(uniqueClientNames ? 3 : 2, registrations.Count);
            var orphan = okta.DroppedClientId ?? throw new InvalidOperationException("the fake never dropped a registration answer");
            var current = Assert.Single((await portal.CredentialsAsync(developer, applicationId)).GetProperty("credentials").EnumerateArray())
                .GetProperty("clientId").GetString()!;
            Assert.NotEqual(orphan, current);

            // the fake received exactly one DELETE, for the client the portal never learned of
            var deletion = Assert.Single(okta.Requests, r => r.Method == "DELETE");
            Assert.Equal("/oauth2/v1/clients/" + orphan, deletion.Path);
            Assert.Equal([current], okta.ClientIds);
            var search = Assert.Single(okta.Requests, r => r is { Method: "GET", Path: "/oauth2/v1/clients" });
            Assert.StartsWith("App ", search.Query["q"], StringComparison.Ordinal);
            Assert.EndsWith($"[portal:{applicationId}]", search.Query["q"], StringComparison.Ordinal);
            Assert.All(okta.Requests.Where(r => r.Path.StartsWith("/oauth2/v1/clients", StringComparison.Ordinal)),
                r => Assert.Equal($"SSWS {ApiToken}", r.Authorization));

            // the audit, newest first: the uncertain registration, the leftover's deletion and the registration that succeeded
            Assert.Equal(
                uniqueClientNames
                    ? ["Register succeeded", "Register failed", "Delete succeeded", "Register uncertain"]
                    : ["Delete succeeded", "Register succeeded", "Register uncertain"],
                operations.Select(o => $"{o.GetProperty("operation").GetString()} {o.GetProperty("outcome").GetString()}"));
            var deleted = Assert.Single(operations, o => o.GetProperty("operation").GetString() == "Delete");
            Assert.Equal(orphan, deleted.GetProperty("clientId").GetString());
            Assert.Contains("outcome was lost", deleted.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Equal(current, operations.First(o => o.GetProperty("outcome").GetString() == "succeeded" && o.GetProperty("operation").GetString() == "Register")
                .GetProperty("clientId").GetString());
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    private static async Task CreateOktaProviderAsync(PortalScenario portal, string admin, OktaOrgFake okta)
    {
        var response = await portal.GraphQL.SendAsync("""
            mutation($input: UpsertProviderInput!) {
              upsertProvider(input: $input) { provider { id discovery { issuer } } errors { code message field } }
            }
            """,
            new
            {
                input = new
                {
                    id = portal.ProviderId,
                    name = "Okta " + portal.ProviderId,
                    kind = "OKTA",
                    wellKnownUrl = okta.BaseUrl + "/.well-known/openid-configuration",
                    initialAccessToken = ApiToken,
                    clientTypes = new object[]
                    {
                        new
                        {
                            id = PortalScenario.M2mClientType, name = "Machine to machine", oktaApplicationType = "service",
                            responseTypes = Array.Empty<string>(), grantTypes = new[] { "client_credentials" },
                            tokenEndpointAuthMethod = "client_secret_basic",
                        },
                        new
                        {
                            id = "web", name = "Web application", oktaApplicationType = "web",
                            responseTypes = new[] { "code" }, grantTypes = new[] { "authorization_code", "refresh_token" },
                            tokenEndpointAuthMethod = "client_secret_basic",
                        },
                    },
                },
            },
            admin);
        Assert.Equal(okta.BaseUrl, response.Payload("upsertProvider").GetProperty("provider").GetProperty("discovery").GetProperty("issuer").GetString());
    }

    /// <summary>One request the fake received.</summary>
    private sealed record OktaRequest(string Method, string Path, IReadOnlyDictionary<string, string> Query, string? Authorization);

    /// <summary>
    /// An Okta org's discovery and client API (developer.okta.com/docs/api/openapi/okta-oauth/oauth/tag/Client) on a
    /// loopback port. The answer to the first registration is lost after the client was created: the connection is
    /// closed without a byte of it. The listing matches q against the start of client_name, as Okta does.
    /// </summary>
    private sealed class OktaOrgFake : IAsyncDisposable
    {
        private readonly bool _uniqueClientNames;
        private const string ClientsPath = "/oauth2/v1/clients";

        private readonly LoopbackHttpServer _server;
        private readonly Lock _gate = new();
        private readonly List<OktaRequest> _requests = [];
        private readonly Dictionary<string, JsonObject> _clients = new(StringComparer.Ordinal);
        private int _registrations;

        private OktaOrgFake(bool uniqueClientNames)
        {
            _uniqueClientNames = uniqueClientNames;
            _server = LoopbackHttpServer.Start(HandleAsync);
        }

        public string BaseUrl => _server.BaseUrl;

        public string? DroppedClientId { get; private set; }

        public IReadOnlyList<OktaRequest> Requests
        {
            get { lock (_gate) { return [.. _requests]; } }
        }

        public IReadOnlyList<string> ClientIds
        {
            get { lock (_gate) { return [.. _clients.Keys]; } }
        }

        public static OktaOrgFake Start(bool uniqueClientNames) => new(uniqueClientNames);

        public ValueTask DisposeAsync() => _server.DisposeAsync();

        private async Task HandleAsync(HttpListenerContext context)
        {
            var request = context.Request;
            var path = request.Url!.AbsolutePath;
            var query = request.QueryString.AllKeys.OfType<string>().ToDictionary(key => key, key => request.QueryString[key]!, StringComparer.Ordinal);
            lock (_gate)
            {
                _requests.Add(new OktaRequest(request.HttpMethod, path, query, request.Headers["Authorization"]));
            }

            using var reader = new StreamReader(request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            try
            {
                if (path == "/.well-known/openid-configuration")
                {
                    await AnswerAsync(context, 200, new JsonObject
                    {
                        ["issuer"] = BaseUrl,
                        ["authorization_endpoint"] = BaseUrl + "/oauth2/v1/authorize",
                        ["token_endpoint"] = BaseUrl + "/oauth2/v1/token",
                        ["jwks_uri"] = BaseUrl + "/oauth2/v1/keys",
                        ["registration_endpoint"] = BaseUrl + ClientsPath,
                        ["response_types_supported"] = new JsonArray("code", "token"),
                        ["subject_types_supported"] = new JsonArray("public"),
                        ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
                    });
                }
                else if (path == "/oauth2/v1/keys")
                {
                    await AnswerAsync(context, 200, new JsonObject { ["keys"] = new JsonArray() });
                }
                else if (!path.StartsWith(ClientsPath, StringComparison.Ordinal))
                {
                    await AnswerAsync(context, 404, new JsonObject { ["errorCode"] = "E0000022", ["errorSummary"] = "The endpoint does not support the provided HTTP method" });
                }
                else if (request.Headers["Authorization"] != $"SSWS {ApiToken}")
                {
                    await AnswerAsync(context, 401, new JsonObject { ["errorCode"] = "E0000011", ["errorSummary"] = "Invalid token provided" });
                }
                else if (path == ClientsPath && request.HttpMethod == "POST")
                {
                    await RegisterAsync(context, body);
                }
                else if (path == ClientsPath && request.HttpMethod == "GET")
                {
                    var q = query.GetValueOrDefault("q") ?? "";
                    JsonArray page;
                    lock (_gate)
                    {
                        page = [.. _clients.Values.Where(c => c["client_name"]!.GetValue<string>().StartsWith(q, StringComparison.Ordinal)).Select(c => c.DeepClone())];
                    }

                    await AnswerAsync(context, 200, page);
                }
                else if (request.HttpMethod == "DELETE")
                {
                    var clientId = path[(ClientsPath.Length + 1)..];
                    bool removed;
                    lock (_gate)
                    {
                        removed = _clients.Remove(clientId);
                    }

                    await AnswerAsync(context, removed ? 204 : 404, removed ? null : new JsonObject { ["errorCode"] = "E0000007", ["errorSummary"] = "Not found" });
                }
                else
                {
                    await AnswerAsync(context, 405, new JsonObject { ["errorCode"] = "E0000022" });
                }
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or IOException)
            {
                // the portal went away mid-answer
            }
        }

        private async Task RegisterAsync(HttpListenerContext context, string body)
        {
            var document = JsonNode.Parse(body)!.AsObject();
            var name = document["client_name"]!.GetValue<string>();
            bool taken;
            lock (_gate)
            {
                taken = _clients.Values.Any(c => c["client_name"]!.GetValue<string>() == name);
            }

            if (_uniqueClientNames && taken)
            {
                await AnswerAsync(context, 400, new JsonObject
                {
                    ["error"] = "invalid_client_metadata",
                    ["error_description"] = "client_name: An object with this field already exists in the current organization",
                });
                return;
            }

            var first = Interlocked.Increment(ref _registrations) == 1;
            var clientId = $"0oa{Guid.NewGuid():N}"[..20];
            var client = new JsonObject
            {
                ["client_id"] = clientId,
                ["client_id_issued_at"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                ["client_secret_expires_at"] = 0,
                ["client_name"] = name,
                ["application_type"] = document["application_type"]?.GetValue<string>() ?? "web",
                ["redirect_uris"] = document["redirect_uris"]?.DeepClone() ?? new JsonArray(),
                ["response_types"] = document["response_types"]?.DeepClone() ?? new JsonArray(),
                ["grant_types"] = document["grant_types"]?.DeepClone() ?? new JsonArray(),
                ["token_endpoint_auth_method"] = document["token_endpoint_auth_method"]?.GetValue<string>() ?? "client_secret_basic",
            };
            lock (_gate)
            {
                _clients[clientId] = client;
                DroppedClientId ??= first ? clientId : null;
            }

            if (first)
            {
                // created, and the answer is lost: the connection closes without a byte of it
                context.Response.Abort();
                return;
            }

            var answer = (JsonObject)client.DeepClone();
            answer["client_secret"] = "okta-secret-" + Guid.NewGuid().ToString("N")[..12];
            await AnswerAsync(context, 201, answer);
        }

        private static async Task AnswerAsync(HttpListenerContext context, int status, JsonNode? body)
        {
            context.Response.StatusCode = status;
            if (body is not null)
            {
                var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
                context.Response.ContentType = "application/json";
                context.Response.ContentLength64 = bytes.Length;
                await context.Response.OutputStream.WriteAsync(bytes);
            }

            context.Response.Close();
        }
    }
}
