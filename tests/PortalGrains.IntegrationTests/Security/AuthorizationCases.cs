using System.Text.Json;
using PortalGrains.IntegrationTests.Infrastructure;
using static PortalGrains.IntegrationTests.Security.MatrixExpectations;

namespace PortalGrains.IntegrationTests.Security;

/// <summary>
/// The authorization matrix: every query and mutation of the contract, each sent by an anonymous caller, developer A
/// (the owner), developer B, an admin, and the members of A's team (C an OWNER, D a MEMBER, E removed). The rules: the
/// catalogue (products, product, plans, serverVersion) is readable anonymously; everything else needs a token
/// (UNAUTHENTICATED); admin-only fields and mutations answer developers with FORBIDDEN; someone else's application or
/// request resolves to null, and a mutation on it is a NOT_FOUND user error; a client secret is shown to the
/// application's owner only, for a team's application to the team's members (admins get null). A's team and its
/// applications: see <see cref="TeamCases"/>.
/// </summary>
public static class AuthorizationCases
{
    public static IReadOnlyDictionary<string, AuthorizationCase> All { get; } = Build();

    private static Dictionary<string, AuthorizationCase> Build()
    {
        var rows = new List<AuthorizationCase>();

        // Team callers (C, D and E of A's team) get the outsider's answer unless told otherwise: being in A's team gives
        // nothing of A's personal application, nor anything an admin alone may do.
        void Operation(string name, string query, Func<AuthorizationWorld, object?> variables, Outcome anonymous, Outcome owner, Outcome other, Outcome admin, TeamOutcomes? team = null)
        {
            rows.Add(new($"{name} as anonymous", MatrixCaller.Anonymous, query, variables, anonymous.Expect, anonymous.Unchanged));
            rows.Add(new($"{name} as owner", MatrixCaller.Owner, query, variables, owner.Expect, owner.Unchanged));
            rows.Add(new($"{name} as other developer", MatrixCaller.Other, query, variables, other.Expect, other.Unchanged));
            rows.Add(new($"{name} as admin", MatrixCaller.Admin, query, variables, admin.Expect, admin.Unchanged));
            TeamRows(name, query, variables, team ?? new TeamOutcomes(other, other, other));
        }

        void TeamRows(string name, string query, Func<AuthorizationWorld, object?> variables, TeamOutcomes team)
        {
            rows.Add(new($"{name} as team OWNER", MatrixCaller.TeamOwner, query, variables, team.TeamOwner.Expect, team.TeamOwner.Unchanged));
            rows.Add(new($"{name} as team MEMBER", MatrixCaller.TeamMember, query, variables, team.TeamMember.Expect, team.TeamMember.Unchanged));
            rows.Add(new($"{name} as former team member", MatrixCaller.FormerMember, query, variables, team.FormerMember.Expect, team.FormerMember.Unchanged));
        }

        // ---- Queries -------------------------------------------------------------------------------------------

        var serverVersion = new Outcome(Data("serverVersion", (v, _) => Assert.False(string.IsNullOrEmpty(v.GetString()))));
        Operation("serverVersion", "{ serverVersion }", NoVariables, serverVersion, serverVersion, serverVersion, serverVersion);

        var publishedOnly = new Outcome(Data("products", (v, w) =>
        {
            Assert.Contains(w.ProductId, Ids(v));
            Assert.DoesNotContain(w.UnpublishedProductId, Ids(v));
        }));
        Operation("products", "{ products { id } }", NoVariables, publishedOnly, publishedOnly, publishedOnly,
            new(Data("products", (v, w) => Assert.Contains(w.UnpublishedProductId, Ids(v)))));

        Operation("product(id) of an unpublished product", "query($id: ID!) { product(id: $id) { id } }", w => Vars(("id", w.UnpublishedProductId)),
            new(Null("product")), new(Null("product")), new(Null("product")),
            new(Data("product", (v, w) => Assert.Equal(w.UnpublishedProductId, v.GetProperty("id").GetString()))));

        const string productQuery = "query($id: ID!) { product(id: $id) { id name provider { id } } }";
        var productWithoutProvider = new Outcome(Data("product", (v, w) =>
        {
            Assert.Equal(w.ProductId, v.GetProperty("id").GetString());
            Assert.Equal(JsonValueKind.Null, v.GetProperty("provider").ValueKind);
        }));
        Operation("product(id) { provider }", productQuery, w => Vars(("id", w.ProductId)),
            productWithoutProvider, productWithoutProvider, productWithoutProvider,
            new(Data("product.provider", (v, w) => Assert.Equal(w.ProviderId, v.GetProperty("id").GetString()))));

        var plans = new Outcome(Data("plans", (v, w) => Assert.Contains(w.PlanId, Ids(v))));
        Operation("plans", "{ plans { id } }", NoVariables, plans, plans, plans, plans);

        Operation("viewer", "{ viewer { id isAdmin } }", NoVariables,
            new(Refused("viewer", Unauthenticated)),
            new(Data("viewer", (v, w) => { Assert.Equal(w.OwnerId, v.GetProperty("id").GetString()); Assert.False(v.GetProperty("isAdmin").GetBoolean()); })),
            new(Data("viewer", (v, w) => { Assert.Equal(w.OtherId, v.GetProperty("id").GetString()); Assert.False(v.GetProperty("isAdmin").GetBoolean()); })),
            new(Data("viewer", (v, _) => Assert.True(v.GetProperty("isAdmin").GetBoolean()))),
            new(new(Data("viewer", (v, w) => Assert.Equal(w.Team.OwnerId, v.GetProperty("id").GetString()))),
                new(Data("viewer", (v, w) => Assert.Equal(w.Team.MemberId, v.GetProperty("id").GetString()))),
                new(Data("viewer", (v, w) => Assert.Equal(w.Team.FormerMemberId, v.GetProperty("id").GetString())))));

        Operation("viewer.applications.credentials.clientSecret",
            "{ viewer { applications { id credentials { clientId clientSecret } } } }", NoVariables,
            new(Refused("viewer", Unauthenticated)),
            new(Data("viewer.applications", (v, w) =>
            {
                var application = v.EnumerateArray().Single(a => a.GetProperty("id").GetString() == w.ApplicationId);
                var credentials = Assert.Single(application.GetProperty("credentials").EnumerateArray());
                Assert.Equal(w.ClientId, credentials.GetProperty("clientId").GetString());
                Assert.False(string.IsNullOrEmpty(credentials.GetProperty("clientSecret").GetString()));
            })),
            new(Data("viewer.applications", (v, _) => Assert.Equal(0, v.GetArrayLength()))),
            new(Data("viewer.applications", (v, w) => Assert.DoesNotContain(w.ApplicationId, Ids(v)))),
            new(new(TeamApplicationWithSecret), new(TeamApplicationWithSecret), new(Data("viewer.applications", (v, _) => Assert.Equal(0, v.GetArrayLength())))));

        Operation("viewer.accessRequests", "{ viewer { accessRequests { id } } }", NoVariables,
            new(Refused("viewer", Unauthenticated)),
            new(Data("viewer.accessRequests", (v, w) => Assert.Contains(w.RequestId, Ids(v)))),
            new(Data("viewer.accessRequests", (v, _) => Assert.Equal(0, v.GetArrayLength()))),
            new(Data("viewer.accessRequests", (v, w) => Assert.DoesNotContain(w.RequestId, Ids(v)))),
            // Team members list their own requests (the team rows check out for the team's application), never A's.
            new(new(NotAsRequest), new(NotAsRequest), new(NotAsRequest)));

        Operation("providers", "{ providers { id } }", NoVariables,
            new(Refused("providers", Unauthenticated)),
            new(Refused("providers", Forbidden)),
            new(Refused("providers", Forbidden)),
            new(Data("providers", (v, w) => Assert.Contains(w.ProviderId, Ids(v)))));

        Operation("provider(id)", "query($id: ID!) { provider(id: $id) { id hasInitialAccessToken } }", w => Vars(("id", w.ProviderId)),
            new(Refused("provider", Unauthenticated)),
            new(Refused("provider", Forbidden)),
            new(Refused("provider", Forbidden)),
            new(Data("provider", (v, w) =>
            {
                Assert.Equal(w.ProviderId, v.GetProperty("id").GetString());
                Assert.True(v.GetProperty("hasInitialAccessToken").GetBoolean());
            })));

        Operation("application(id)", "query($id: ID!) { application(id: $id) { id ownerId } }", w => Vars(("id", w.ApplicationId)),
            new(Refused("application", Unauthenticated)),
            new(Data("application", (v, w) => Assert.Equal(w.OwnerId, v.GetProperty("ownerId").GetString()))),
            new(Null("application")),
            new(Data("application", (v, w) => Assert.Equal(w.ApplicationId, v.GetProperty("id").GetString()))));

        Operation("application(id).credentials.clientSecret",
            "query($id: ID!) { application(id: $id) { credentials { clientId clientSecret } } }", w => Vars(("id", w.ApplicationId)),
            new(Refused("application", Unauthenticated)),
            new(Data("application.credentials", (v, w) =>
            {
                var credentials = Assert.Single(v.EnumerateArray());
                Assert.Equal(w.ClientId, credentials.GetProperty("clientId").GetString());
                Assert.False(string.IsNullOrEmpty(credentials.GetProperty("clientSecret").GetString()));
            })),
            new(Null("application")),
            new(Data("application.credentials", (v, w) =>
            {
                var credentials = Assert.Single(v.EnumerateArray());
                Assert.Equal(w.ClientId, credentials.GetProperty("clientId").GetString());
                Assert.Equal(JsonValueKind.Null, credentials.GetProperty("clientSecret").ValueKind);
            })));

        Operation("application(id).accessRequests", "query($id: ID!) { application(id: $id) { accessRequests { id } } }", w => Vars(("id", w.ApplicationId)),
            new(Refused("application", Unauthenticated)),
            new(Data("application.accessRequests", (v, w) => Assert.Contains(w.RequestId, Ids(v)))),
            new(Null("application")),
            new(Data("application.accessRequests", (v, w) => Assert.Contains(w.RequestId, Ids(v)))));

        Operation("accessRequest(id)", "query($id: ID!) { accessRequest(id: $id) { id status developerId } }", w => Vars(("id", w.RequestId)),
            new(Refused("accessRequest", Unauthenticated)),
            new(Data("accessRequest", (v, w) => Assert.Equal(w.OwnerId, v.GetProperty("developerId").GetString()))),
            new(Null("accessRequest")),
            new(Data("accessRequest", (v, _) => Assert.Equal("ACTIVE", v.GetProperty("status").GetString()))));

        Operation("accessRequest(id).decidedBy and history.actor",
            "query($id: ID!) { accessRequest(id: $id) { decidedBy history { to actor } } }", w => Vars(("id", w.RequestId)),
            new(Refused("accessRequest", Unauthenticated)),
            new(Data("accessRequest", (v, w) =>
            {
                Assert.Equal("an administrator", v.GetProperty("decidedBy").GetString());
                var actors = v.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("actor").GetString()).ToList();
                Assert.Contains("an administrator", actors);
                Assert.All(actors, a => Assert.True(a is "an administrator" || a == w.OwnerId || a!.StartsWith("system", StringComparison.Ordinal), a));
            })),
            new(Null("accessRequest")),
            new(Data("accessRequest", (v, w) =>
            {
                Assert.Equal(w.AdminId, v.GetProperty("decidedBy").GetString());
                Assert.Contains(w.AdminId, v.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("actor").GetString()));
            })));

        Operation("accessRequest(id).application.credentials.clientSecret",
            "query($id: ID!) { accessRequest(id: $id) { application { id credentials { clientId clientSecret } } } }", w => Vars(("id", w.RequestId)),
            new(Refused("accessRequest", Unauthenticated)),
            new(Data("accessRequest.application", (v, w) =>
            {
                Assert.Equal(w.ApplicationId, v.GetProperty("id").GetString());
                var credentials = Assert.Single(v.GetProperty("credentials").EnumerateArray());
                Assert.False(string.IsNullOrEmpty(credentials.GetProperty("clientSecret").GetString()));
            })),
            new(Null("accessRequest")),
            new(Data("accessRequest.application", (v, w) =>
            {
                Assert.Equal(w.ApplicationId, v.GetProperty("id").GetString());
                var credentials = Assert.Single(v.GetProperty("credentials").EnumerateArray());
                Assert.Equal(w.ClientId, credentials.GetProperty("clientId").GetString());
                Assert.Equal(JsonValueKind.Null, credentials.GetProperty("clientSecret").ValueKind);
            })));

        Operation("accessRequests", "{ accessRequests(first: 5) { totalCount nodes { id } } }", NoVariables,
            new(Refused("accessRequests", Unauthenticated)),
            new(Refused("accessRequests", Forbidden)),
            new(Refused("accessRequests", Forbidden)),
            new(Data("accessRequests", (v, _) => Assert.True(v.GetProperty("totalCount").GetInt32() >= 1))));

        Operation("applications(search) by client id", "query($search: String) { applications(search: $search) { totalCount nodes { id } } }",
            w => Vars(("search", w.ClientId)),
            new(Refused("applications", Unauthenticated)),
            new(Refused("applications", Forbidden)),
            new(Refused("applications", Forbidden)),
            new(Data("applications", (v, w) => Assert.Equal(w.ApplicationId, Assert.Single(Ids(v.GetProperty("nodes")))))));

        Operation("auditLog", "{ auditLog(first: 100) { totalCount nodes { actor action subjectType subjectId } } }", NoVariables,
            new(Refused("auditLog", Unauthenticated)),
            new(Refused("auditLog", Forbidden)),
            new(Refused("auditLog", Forbidden)),
            new(Data("auditLog", (v, w) =>
            {
                Assert.True(v.GetProperty("totalCount").GetInt32() >= 1);
                Assert.Contains(v.GetProperty("nodes").EnumerateArray(), e =>
                    e.GetProperty("action").GetString() == "accessRequest.approve" && e.GetProperty("subjectId").GetString() == w.RequestId
                    && e.GetProperty("actor").GetString() == w.AdminId);
            })));

        const string verifyQuery = "query($token: String!) { verifyToken(token: $token) { valid applicationId } }";
        Operation("verifyToken(token).applicationId", verifyQuery, w => Vars(("token", w.ClientAccessToken)),
            new(Refused("verifyToken", Unauthenticated)),
            new(Data("verifyToken", (v, w) => Assert.Equal(w.ApplicationId, v.GetProperty("applicationId").GetString()))),
            new(Data("verifyToken", (v, _) =>
            {
                Assert.True(v.GetProperty("valid").GetBoolean());
                Assert.Equal(JsonValueKind.Null, v.GetProperty("applicationId").ValueKind);
            })),
            new(Data("verifyToken", (v, w) => Assert.Equal(w.ApplicationId, v.GetProperty("applicationId").GetString()))));

        Operation("gatewayConfig", "{ gatewayConfig { issuers { providerId } scopePolicies { scope } } }", NoVariables,
            new(Refused("gatewayConfig", Unauthenticated)),
            new(Refused("gatewayConfig", Forbidden)),
            new(Refused("gatewayConfig", Forbidden)),
            new(Data("gatewayConfig.issuers", (v, w) =>
                Assert.Contains(w.ProviderId, v.EnumerateArray().Select(i => i.GetProperty("providerId").GetString())))));

        // ---- Mutations -----------------------------------------------------------------------------------------

        const string upsertProvider = """
            mutation($input: UpsertProviderInput!) { upsertProvider(input: $input) { provider { id } errors { code } } }
            """;
        Operation("upsertProvider", upsertProvider, w => Vars(("input", new
            {
                id = "prov-matrix-" + Guid.NewGuid().ToString("N")[..10],
                name = "Matrix provider",
                kind = "OTHER",
                wellKnownUrl = Testing.DevIdentityProvider.Shared.WellKnownUrl,
                clientTypes = new[] { new { id = "m2m", name = "M2M", responseTypes = Array.Empty<string>(), grantTypes = new[] { "client_credentials" }, tokenEndpointAuthMethod = "client_secret_basic" } },
            })),
            new(Refused("upsertProvider", Unauthenticated), ProvidersOf),
            new(Refused("upsertProvider", Forbidden), ProvidersOf),
            new(Refused("upsertProvider", Forbidden), ProvidersOf),
            new(Succeeded("upsertProvider", (v, _) => Assert.StartsWith("prov-matrix-", v.GetProperty("provider").GetProperty("id").GetString()))));

        const string deleteProvider = "mutation($input: DeleteInput!) { deleteProvider(input: $input) { deletedId errors { code } } }";
        Operation("deleteProvider", deleteProvider, w => Vars(("input", new { id = w.ProviderId })),
            new(Refused("deleteProvider", Unauthenticated), ProviderOf),
            new(Refused("deleteProvider", Forbidden), ProviderOf),
            new(Refused("deleteProvider", Forbidden), ProviderOf),
            // The admin may delete providers, but not one that products use.
            new(UserError("deleteProvider", "deletedId", "IN_USE"), ProviderOf));

        const string testConnection = """
            mutation($input: TestProviderConnectionInput!) { testProviderConnection(input: $input) { steps { name succeeded } errors { code } } }
            """;
        Operation("testProviderConnection", testConnection, w => Vars(("input", new { id = w.ProviderId })),
            new(Refused("testProviderConnection", Unauthenticated)),
            new(Refused("testProviderConnection", Forbidden)),
            new(Refused("testProviderConnection", Forbidden)),
            new(Succeeded("testProviderConnection", (v, _) => Assert.All(v.GetProperty("steps").EnumerateArray(), s => Assert.True(s.GetProperty("succeeded").GetBoolean(), s.ToString())))));

        const string upsertProduct = "mutation($input: UpsertProductInput!) { upsertProduct(input: $input) { product { id } errors { code } } }";
        Operation("upsertProduct", upsertProduct, w => Vars(("input", new
            {
                name = "Matrix product (unpublished)", published = false, dcrEnabled = true, providerId = w.ProviderId,
                scopes = new[] { w.Portal.Scope("matrix.write") }, clientTypeIds = new[] { "m2m" },
            })),
            new(Refused("upsertProduct", Unauthenticated), CatalogOf),
            new(Refused("upsertProduct", Forbidden), CatalogOf),
            new(Refused("upsertProduct", Forbidden), CatalogOf),
            new(Succeeded("upsertProduct", (v, _) => Assert.False(string.IsNullOrEmpty(v.GetProperty("product").GetProperty("id").GetString())))));

        const string upsertPlan = "mutation($input: UpsertPlanInput!) { upsertPlan(input: $input) { plan { id } errors { code } } }";
        Operation("upsertPlan", upsertPlan, w => Vars(("input", new { name = "Matrix plan", scopes = new[] { w.Portal.Scope("plan.matrix2") } })),
            new(Refused("upsertPlan", Unauthenticated), CatalogOf),
            new(Refused("upsertPlan", Forbidden), CatalogOf),
            new(Refused("upsertPlan", Forbidden), CatalogOf),
            new(Succeeded("upsertPlan", (v, _) => Assert.False(string.IsNullOrEmpty(v.GetProperty("plan").GetProperty("id").GetString())))));

        Operation("webhooks", "{ webhooks { id url events active deliveries { id } } }", NoVariables,
            new(Refused("webhooks", Unauthenticated)),
            new(Refused("webhooks", Forbidden)),
            new(Refused("webhooks", Forbidden)),
            new(Data("webhooks", (v, _) => Assert.Equal(JsonValueKind.Array, v.ValueKind))));

        // Inactive, so that nothing is ever sent to it.
        const string upsertWebhook = "mutation($input: UpsertWebhookInput!) { upsertWebhook(input: $input) { webhook { id active } secret errors { code } } }";
        Operation("upsertWebhook", upsertWebhook, _ => Vars(("input", new { url = "https://example.com/matrix", events = new[] { "APPLICATION_CREATED" }, active = false })),
            new(Refused("upsertWebhook", Unauthenticated), WebhooksOf),
            new(Refused("upsertWebhook", Forbidden), WebhooksOf),
            new(Refused("upsertWebhook", Forbidden), WebhooksOf),
            new(Succeeded("upsertWebhook", (v, _) =>
            {
                Assert.False(v.GetProperty("webhook").GetProperty("active").GetBoolean());
                Assert.StartsWith("whsec_", v.GetProperty("secret").GetString());
            })));

        const string deleteWebhook = "mutation($input: DeleteInput!) { deleteWebhook(input: $input) { deletedId errors { code } } }";
        Operation("deleteWebhook", deleteWebhook, _ => Vars(("input", new { id = "matrix-no-such-webhook" })),
            new(Refused("deleteWebhook", Unauthenticated), WebhooksOf),
            new(Refused("deleteWebhook", Forbidden), WebhooksOf),
            new(Refused("deleteWebhook", Forbidden), WebhooksOf),
            new(UserError("deleteWebhook", "deletedId", "NOT_FOUND"), WebhooksOf));

        const string updateProfile = "mutation($input: UpdateProfileInput!) { updateMyProfile(input: $input) { viewer { id } errors { code } } }";
        Operation("updateMyProfile", updateProfile, _ => Vars(("input", new { name = "Renamed" })),
            new(Refused("updateMyProfile", Unauthenticated)),
            new(Succeeded("updateMyProfile", (v, w) => Assert.Equal(w.OwnerId, v.GetProperty("viewer").GetProperty("id").GetString()))),
            new(Succeeded("updateMyProfile", (v, w) => Assert.Equal(w.OtherId, v.GetProperty("viewer").GetProperty("id").GetString()))),
            new(Succeeded("updateMyProfile", (v, _) => Assert.False(string.IsNullOrEmpty(v.GetProperty("viewer").GetProperty("id").GetString())))),
            new(new(Succeeded("updateMyProfile", (v, w) => Assert.Equal(w.Team.OwnerId, v.GetProperty("viewer").GetProperty("id").GetString()))),
                new(Succeeded("updateMyProfile", (v, w) => Assert.Equal(w.Team.MemberId, v.GetProperty("viewer").GetProperty("id").GetString()))),
                new(Succeeded("updateMyProfile", (v, w) => Assert.Equal(w.Team.FormerMemberId, v.GetProperty("viewer").GetProperty("id").GetString())))));

        // Checkout for A's existing application: only A may add a request to it.
        const string checkout = "mutation($input: CheckoutInput!) { checkout(input: $input) { accessRequest { id status } errors { code } } }";
        Operation("checkout for A's application", checkout, w => Vars(("input", new { productId = w.ProductId, planId = w.PlanId, applicationId = w.ApplicationId, clientTypeId = "m2m" })),
            new(Refused("checkout", Unauthenticated), ApplicationOf),
            new(Succeeded("checkout", (v, _) => Assert.Equal("PENDING", v.GetProperty("accessRequest").GetProperty("status").GetString()))),
            new(UserError("checkout", "accessRequest", NotFound), ApplicationOf),
            new(UserError("checkout", "accessRequest", NotFound), ApplicationOf));

        const string approve = "mutation($input: DecideInput!) { approveAccessRequest(input: $input) { accessRequest { id status } errors { code } } }";
        Operation("approveAccessRequest", approve, w => Vars(("input", new { id = w.RequestId })),
            new(Refused("approveAccessRequest", Unauthenticated), RequestOf(w => w.RequestId)),
            new(Refused("approveAccessRequest", Forbidden), RequestOf(w => w.RequestId)),
            new(Refused("approveAccessRequest", Forbidden), RequestOf(w => w.RequestId)),
            new(Succeeded("approveAccessRequest", (v, _) => Assert.Equal("ACTIVE", v.GetProperty("accessRequest").GetProperty("status").GetString()))));

        const string reject = "mutation($input: DecideInput!) { rejectAccessRequest(input: $input) { accessRequest { id status } errors { code } } }";
        Operation("rejectAccessRequest", reject, w => Vars(("input", new { id = w.RejectedByAdmin, reason = "matrix" })),
            new(Refused("rejectAccessRequest", Unauthenticated), RequestOf(w => w.RejectedByAdmin)),
            new(Refused("rejectAccessRequest", Forbidden), RequestOf(w => w.RejectedByAdmin)),
            new(Refused("rejectAccessRequest", Forbidden), RequestOf(w => w.RejectedByAdmin)),
            new(Succeeded("rejectAccessRequest", (v, _) => Assert.Equal("REJECTED", v.GetProperty("accessRequest").GetProperty("status").GetString()))));

        const string retry = "mutation($input: DecideInput!) { retryAccessRequest(input: $input) { accessRequest { id status } errors { code } } }";
        Operation("retryAccessRequest", retry, w => Vars(("input", new { id = w.RequestId })),
            new(Refused("retryAccessRequest", Unauthenticated), RequestOf(w => w.RequestId)),
            new(Refused("retryAccessRequest", Forbidden), RequestOf(w => w.RequestId)),
            new(Refused("retryAccessRequest", Forbidden), RequestOf(w => w.RequestId)),
            // Retrying an ACTIVE request changes nothing (idempotent).
            new(Succeeded("retryAccessRequest", (v, _) => Assert.Equal("ACTIVE", v.GetProperty("accessRequest").GetProperty("status").GetString()))));

        const string revoke = "mutation($input: DecideInput!) { revokeAccessRequest(input: $input) { accessRequest { id status } errors { code } } }";
        rows.Add(new("revokeAccessRequest as anonymous", MatrixCaller.Anonymous, revoke, w => Vars(("input", new { id = w.RequestId })),
            Refused("revokeAccessRequest", Unauthenticated), RequestOf(w => w.RequestId)));
        rows.Add(new("revokeAccessRequest as owner", MatrixCaller.Owner, revoke, w => Vars(("input", new { id = w.RevokedByOwner })),
            Succeeded("revokeAccessRequest", (v, _) => Assert.Equal("REVOKED", v.GetProperty("accessRequest").GetProperty("status").GetString()))));
        rows.Add(new("revokeAccessRequest as other developer", MatrixCaller.Other, revoke, w => Vars(("input", new { id = w.RequestId })),
            UserError("revokeAccessRequest", "accessRequest", NotFound), RequestOf(w => w.RequestId)));
        rows.Add(new("revokeAccessRequest as admin", MatrixCaller.Admin, revoke, w => Vars(("input", new { id = w.RevokedByAdmin })),
            Succeeded("revokeAccessRequest", (v, _) => Assert.Equal("REVOKED", v.GetProperty("accessRequest").GetProperty("status").GetString()))));
        var othersRevoke = new Outcome(UserError("revokeAccessRequest", "accessRequest", NotFound), RequestOf(w => w.RequestId));
        TeamRows("revokeAccessRequest", revoke, w => Vars(("input", new { id = w.RequestId })), new(othersRevoke, othersRevoke, othersRevoke));

        const string update = "mutation($input: UpdateApplicationInput!) { updateApplication(input: $input) { application { id description } errors { code } } }";
        Operation("updateApplication", update, w => Vars(("input", new { id = w.ApplicationId, description = "changed by the matrix" })),
            new(Refused("updateApplication", Unauthenticated), ApplicationOf),
            new(Succeeded("updateApplication", (v, _) => Assert.Equal("changed by the matrix", v.GetProperty("application").GetProperty("description").GetString()))),
            new(UserError("updateApplication", "application", NotFound), ApplicationOf),
            // Only the owner edits an application; admins approve, revoke and delete.
            new(UserError("updateApplication", "application", NotFound), ApplicationOf));

        const string rotate = "mutation($input: RotateSecretInput!) { rotateClientSecret(input: $input) { application { id } errors { code } } }";
        Operation("rotateClientSecret", rotate, w => Vars(("input", new { applicationId = w.RotatedApplicationId, providerId = w.ProviderId })),
            new(Refused("rotateClientSecret", Unauthenticated), RotatedApplicationOf),
            new(Succeeded("rotateClientSecret", (v, w) => Assert.Equal(w.RotatedApplicationId, v.GetProperty("application").GetProperty("id").GetString()))),
            new(UserError("rotateClientSecret", "application", NotFound), RotatedApplicationOf),
            // Only the owner rotates: the new secret is shown to the owner alone.
            new(UserError("rotateClientSecret", "application", NotFound), RotatedApplicationOf));

        const string import = "mutation($input: ImportClientInput!) { importClient(input: $input) { application { id } errors { code } } }";
        Operation("importClient", import, w => Vars(("input", new { applicationId = w.ApplicationId, providerId = w.ProviderId, clientId = "imported-client" })),
            new(Refused("importClient", Unauthenticated), ApplicationOf),
            new(Refused("importClient", Forbidden), ApplicationOf),
            new(Refused("importClient", Forbidden), ApplicationOf),
            // Admins import; this application already holds a client at the provider.
            new(UserError("importClient", "application", "CONFLICT"), ApplicationOf));

        const string delete = "mutation($input: DeleteInput!) { deleteApplication(input: $input) { deletedId errors { code } } }";
        rows.Add(new("deleteApplication as anonymous", MatrixCaller.Anonymous, delete, w => Vars(("input", new { id = w.ApplicationId })),
            Refused("deleteApplication", Unauthenticated), ApplicationOf));
        rows.Add(new("deleteApplication as owner", MatrixCaller.Owner, delete, w => Vars(("input", new { id = w.DeletedByOwner })),
            Succeeded("deleteApplication", (v, w) => Assert.Equal(w.DeletedByOwner, v.GetProperty("deletedId").GetString()))));
        rows.Add(new("deleteApplication as other developer", MatrixCaller.Other, delete, w => Vars(("input", new { id = w.ApplicationId })),
            UserError("deleteApplication", "deletedId", NotFound), ApplicationOf));
        rows.Add(new("deleteApplication as admin", MatrixCaller.Admin, delete, w => Vars(("input", new { id = w.DeletedByAdmin })),
            Succeeded("deleteApplication", (v, w) => Assert.Equal(w.DeletedByAdmin, v.GetProperty("deletedId").GetString()))));
        var othersDelete = new Outcome(UserError("deleteApplication", "deletedId", NotFound), ApplicationOf);
        TeamRows("deleteApplication", delete, w => Vars(("input", new { id = w.ApplicationId })), new(othersDelete, othersDelete, othersDelete));

        TeamCases.Add(rows, TeamRows);

        return rows.ToDictionary(r => r.Name, StringComparer.Ordinal);
    }

    private static object? NoVariables(AuthorizationWorld world) => null;

    private static Dictionary<string, object?> Vars(params (string Name, object? Value)[] variables) =>
        variables.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);

    // ---- What a refused change must leave as it was, as read by the owner or an admin -----------------------------

    internal static Task<string> ApplicationOf(AuthorizationWorld world) => ApplicationSnapshotAsync(world, world.ApplicationId);

    private static Task<string> RotatedApplicationOf(AuthorizationWorld world) => ApplicationSnapshotAsync(world, world.RotatedApplicationId);

    internal static async Task<string> ApplicationSnapshotAsync(AuthorizationWorld world, string applicationId) => (await world.Portal.GraphQL.SendAsync("""
        query($id: ID!) {
          application(id: $id) {
            id name description redirectUris deleted
            credentials { clientId clientSecret scopes issuedAt }
            accessRequests { id status updatedAt }
          }
        }
        """, new { id = applicationId }, world.OwnerToken)).At("application").ToString();

    private static Func<AuthorizationWorld, Task<string>> RequestOf(Func<AuthorizationWorld, string> id) => async world =>
        (await world.Portal.GraphQL.SendAsync(
            "query($id: ID!) { accessRequest(id: $id) { id status updatedAt decidedBy history { to } } }",
            new { id = id(world) }, world.OwnerToken)).At("accessRequest").ToString();

    private static async Task<string> ProvidersOf(AuthorizationWorld world) =>
        (await world.Portal.GraphQL.SendAsync("{ providers { id updatedAt } }", token: world.AdminToken)).At("providers").ToString();

    private static async Task<string> ProviderOf(AuthorizationWorld world) => (await world.Portal.GraphQL.SendAsync(
        "query($id: ID!) { provider(id: $id) { id name wellKnownUrl updatedAt clientTypes { id } } }",
        new { id = world.ProviderId }, world.AdminToken)).At("provider").ToString();

    private static async Task<string> WebhooksOf(AuthorizationWorld world) =>
        (await world.Portal.GraphQL.SendAsync("{ webhooks { id url events active updatedAt } }", token: world.AdminToken)).At("webhooks").ToString();

    private static async Task<string> CatalogOf(AuthorizationWorld world) =>
        (await world.Portal.GraphQL.SendAsync("{ products { id updatedAt } plans { id } }", token: world.AdminToken)).Data.ToString();

    private static Task NotAsRequest(GraphQLResponse response, AuthorizationWorld world) =>
        Data("viewer.accessRequests", (v, w) => Assert.DoesNotContain(w.RequestId, Ids(v)))(response, world);

    /// <summary>A's team's application in the caller's viewer.applications, with its client secret; A's personal application not.</summary>
    private static Task TeamApplicationWithSecret(GraphQLResponse response, AuthorizationWorld world) => Data("viewer.applications", (v, w) =>
    {
        Assert.DoesNotContain(w.ApplicationId, Ids(v));
        var application = v.EnumerateArray().Single(a => a.GetProperty("id").GetString() == w.Team.ApplicationId);
        var credentials = Assert.Single(application.GetProperty("credentials").EnumerateArray());
        Assert.Equal(w.Team.ClientId, credentials.GetProperty("clientId").GetString());
        Assert.False(string.IsNullOrEmpty(credentials.GetProperty("clientSecret").GetString()));
    })(response, world);
}
