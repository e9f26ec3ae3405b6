using System.Text.Json;
using PortalGrains.IntegrationTests.Infrastructure;
using PortalGrains.Testing;

namespace PortalGrains.IntegrationTests.Webhooks;

[Collection(PortalCollection.Name)]
public sealed class WebhookDeliveryTests(PortalHost host)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Every_delivery_is_signed_and_carries_the_subject_as_an_admin_sees_it_in_order_and_without_secrets()
    {
        await using var receiver = new WebhookReceiver();
        var portal = new PortalScenario(host, DevIdentityProvider.Shared);
        var admin = await portal.AdminTokenAsync();
        await portal.CreateProviderAsync(admin);
        var product = await portal.CreateProductAsync(admin, "hooked", "hooked.read");
        var plan = await portal.CreatePlanAsync(admin, "hooked", autoApprove: false, "plan.hooked");
        var webhookId = await WebhookAdmin.RegisterAsync(portal.GraphQL, admin, receiver,
            "ACCESS_REQUEST_CREATED", "ACCESS_REQUEST_STATUS_CHANGED", "APPLICATION_CREATED", "CREDENTIALS_ROTATED");

        var developer = await portal.DeveloperTokenAsync("hook-dev");
        var (requestId, applicationId) = await portal.CheckoutAsync(developer, product, plan);
        Assert.Equal("ACTIVE", (await portal.ApproveAsync(admin, requestId)).GetProperty("status").GetString());
        var secret = (await portal.CredentialsAsync(developer, applicationId)).GetProperty("credentials")[0].GetProperty("clientSecret").GetString()!;
        var rotated = await portal.GraphQL.SendAsync("""
            mutation($a: ID!, $p: ID!) { rotateClientSecret(input: {applicationId: $a, providerId: $p}) { errors { code } } }
            """, new { a = applicationId, p = portal.ProviderId }, developer);
        Assert.Equal(0, rotated.Payload("rotateClientSecret").GetProperty("errors").GetArrayLength());

        var mine = await Eventually.ReturnsAsync(
            () => Task.FromResult(receiver.Received.Where(r => r.SubjectId == requestId || r.SubjectId == applicationId).ToList()),
            r => r.Count >= 5, Deadline, "five deliveries for the request and its application");

        Assert.All(receiver.Received, r => Assert.True(r.SignatureValid, "signature of " + r.Id));
        Assert.All(receiver.Received, r => Assert.StartsWith("msg_", r.Id));
        Assert.All(mine, r => Assert.DoesNotContain(secret, r.Body));
        var ofRequest = mine.Where(r => r.SubjectId == requestId).Select(r => (r.Type, Status: r.Payload.GetProperty("data").GetProperty("status").GetString())).ToList();
        Assert.Equal(
            [("ACCESS_REQUEST_CREATED", "PENDING"), ("ACCESS_REQUEST_STATUS_CHANGED", "PROVISIONING"), ("ACCESS_REQUEST_STATUS_CHANGED", "ACTIVE")],
            ofRequest);
        var ofApplication = mine.Where(r => r.SubjectId == applicationId).Select(r => r.Type).ToList();
        Assert.Equal(["APPLICATION_CREATED", "CREDENTIALS_ROTATED"], ofApplication);

        var created = mine.First(r => r.Type == "ACCESS_REQUEST_CREATED").Payload;
        Assert.True(DateTimeOffset.TryParse(created.GetProperty("timestamp").GetString(), out _));
        var data = created.GetProperty("data");
        Assert.Equal(product, data.GetProperty("product").GetProperty("id").GetString());
        Assert.Equal(applicationId, data.GetProperty("application").GetProperty("id").GetString());
        var rotation = mine.Single(r => r.Type == "CREDENTIALS_ROTATED").Payload.GetProperty("data");
        Assert.Equal(portal.ProviderId, rotation.GetProperty("credentials").GetProperty("providerId").GetString());
        Assert.False(rotation.GetProperty("credentials").TryGetProperty("clientSecret", out _));

        // The secret was returned once: the webhook as listed has none, and deliveries are queryable.
        var listed = await portal.GraphQL.SendAsync(WebhookAdmin.WebhooksQuery, token: admin);
        Assert.DoesNotContain(receiver.Secret, listed.ToString());
        var webhook = await Eventually.ReturnsAsync(
            () => WebhookAdmin.WebhookAsync(portal.GraphQL, admin, webhookId),
            w => w.GetProperty("deliveries").EnumerateArray().Count(d => d.GetProperty("delivered").GetBoolean()) >= mine.Count,
            Deadline, "the deliveries listed as delivered");
        var newest = webhook.GetProperty("deliveries")[0];
        Assert.Equal(1, newest.GetProperty("attempts").GetInt32());
        Assert.Equal(204, newest.GetProperty("lastStatus").GetInt32());
        await WebhookAdmin.DeleteAsync(portal.GraphQL, admin, webhookId);
    }

    [Fact]
    public async Task A_first_attempt_answered_500_is_retried_and_delivered()
    {
        await using var receiver = new WebhookReceiver { Answer = (_, attempt) => Task.FromResult<int?>(attempt == 1 ? 500 : 200) };
        var portal = new PortalScenario(host, DevIdentityProvider.Shared);
        var admin = await portal.AdminTokenAsync();
        var webhookId = await WebhookAdmin.RegisterAsync(portal.GraphQL, admin, receiver, "APPLICATION_CREATED");
        var developer = await portal.DeveloperTokenAsync("retry-dev");
        var applicationId = await CreateApplicationAsync(portal, admin, developer);

        var attempts = await Eventually.ReturnsAsync(
            () => Task.FromResult(receiver.Received.Where(r => r.SubjectId == applicationId).ToList()),
            r => r.Any(a => a.Answered == 200), Deadline, "the second attempt");
        Assert.Equal([500, 200], attempts.Select(a => a.Answered));
        Assert.Single(attempts.Select(a => a.Id).Distinct());
        Assert.All(attempts, a => Assert.True(a.SignatureValid));

        var delivery = await Eventually.ReturnsAsync(
            async () => (await WebhookAdmin.WebhookAsync(portal.GraphQL, admin, webhookId)).GetProperty("deliveries")[0],
            d => d.GetProperty("delivered").GetBoolean(), Deadline, "the delivery listed as delivered");
        Assert.Equal(2, delivery.GetProperty("attempts").GetInt32());
        Assert.Equal(200, delivery.GetProperty("lastStatus").GetInt32());
        Assert.Equal("APPLICATION_CREATED", delivery.GetProperty("event").GetString());
        await WebhookAdmin.DeleteAsync(portal.GraphQL, admin, webhookId);
    }

    [Fact]
    public async Task An_endpoint_answering_410_is_disabled_and_its_delivery_given_up()
    {
        await using var receiver = new WebhookReceiver { Answer = (_, _) => Task.FromResult<int?>(410) };
        var portal = new PortalScenario(host, DevIdentityProvider.Shared);
        var admin = await portal.AdminTokenAsync();
        var webhookId = await WebhookAdmin.RegisterAsync(portal.GraphQL, admin, receiver, "APPLICATION_CREATED");
        var developer = await portal.DeveloperTokenAsync("gone-dev");
        var applicationId = await CreateApplicationAsync(portal, admin, developer);

        var webhook = await Eventually.ReturnsAsync(
            () => WebhookAdmin.WebhookAsync(portal.GraphQL, admin, webhookId),
            w => !w.GetProperty("active").GetBoolean(), Deadline, "the endpoint disabled");
        Assert.Contains("410", webhook.GetProperty("disabledReason").GetString());
        var delivery = await Eventually.ReturnsAsync(
            async () => (await WebhookAdmin.WebhookAsync(portal.GraphQL, admin, webhookId)).GetProperty("deliveries")[0],
            d => d.GetProperty("gaveUp").GetBoolean(), Deadline, "the delivery given up");
        Assert.Equal(410, delivery.GetProperty("lastStatus").GetInt32());
        Assert.False(delivery.GetProperty("delivered").GetBoolean());
        Assert.Single(receiver.Received, r => r.SubjectId == applicationId);

        var audit = await portal.GraphQL.SendAsync("{ auditLog(first: 100) { nodes { actor action subjectId } } }", token: admin);
        Assert.Contains(audit.At("auditLog.nodes").EnumerateArray(), e =>
            e.GetProperty("action").GetString() == "webhook.disable" && e.GetProperty("subjectId").GetString() == webhookId);
        await WebhookAdmin.DeleteAsync(portal.GraphQL, admin, webhookId);
    }

    [Fact]
    public async Task Bad_input_is_a_user_error_and_nothing_is_stored()
    {
        var portal = new PortalScenario(host, DevIdentityProvider.Shared);
        var admin = await portal.AdminTokenAsync();
        async Task<List<string?>> FieldsAsync(object input)
        {
            var response = await portal.GraphQL.SendAsync(WebhookAdmin.UpsertMutation, new { input }, admin);
            var payload = response.At("upsertWebhook");
            Assert.Equal(JsonValueKind.Null, payload.GetProperty("webhook").ValueKind);
            Assert.Equal(JsonValueKind.Null, payload.GetProperty("secret").ValueKind);
            return [.. payload.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field")[1].GetString())];
        }

        var id = "bad-" + Guid.NewGuid().ToString("N");
        Assert.Equal(["url"], await FieldsAsync(new { id, url = "ftp://example.com/hook", events = new[] { "APPLICATION_CREATED" } }));
        Assert.Equal(["events"], await FieldsAsync(new { id, url = "https://example.com/hook", events = Array.Empty<string>() }));
        Assert.Equal(["secret"], await FieldsAsync(new { id, url = "https://example.com/hook", events = new[] { "APPLICATION_CREATED" }, secret = "whsec_short" }));
        var listed = await portal.GraphQL.SendAsync(WebhookAdmin.WebhooksQuery, token: admin);
        Assert.DoesNotContain(id, listed.ToString());
    }

    /// <summary>A new application through checkout (the APPLICATION_CREATED event); returns its id.</summary>
    private static async Task<string> CreateApplicationAsync(PortalScenario portal, string admin, string developer)
    {
        await portal.CreateProviderAsync(admin);
        var product = await portal.CreateProductAsync(admin, "hooks", "hooks.read");
        var plan = await portal.CreatePlanAsync(admin, "hooks", autoApprove: false, "plan.hooks");
        return (await portal.CheckoutAsync(developer, product, plan)).ApplicationId;
    }
}
