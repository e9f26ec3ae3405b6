using System.Text.Json;
using PortalGrains.IntegrationTests.Infrastructure;

namespace PortalGrains.IntegrationTests.Webhooks;

/// <summary>The webhook mutations and queries the tests send as an admin.</summary>
public static class WebhookAdmin
{
    public const string UpsertMutation = """
        mutation($input: UpsertWebhookInput!) { upsertWebhook(input: $input) { webhook { id url events active } secret errors { code field } } }
        """;

    public const string WebhooksQuery = """
        { webhooks { id url events active disabledReason deliveries(first: 10) { id event attempts lastStatus delivered gaveUp lastError } } }
        """;

    /// <summary>Registers the receiver for <paramref name="events"/> and gives it the secret the portal returned.</summary>
    public static async Task<string> RegisterAsync(GraphQLClient graphQL, string admin, WebhookReceiver receiver, params string[] events)
    {
        var response = await graphQL.SendAsync(UpsertMutation, new { input = new { url = receiver.Url, events } }, admin);
        var payload = response.Payload("upsertWebhook");
        Assert.True(payload.GetProperty("errors").GetArrayLength() == 0, response.ToString());
        receiver.Secret = payload.GetProperty("secret").GetString()!;
        Assert.StartsWith("whsec_", receiver.Secret);
        return payload.GetProperty("webhook").GetProperty("id").GetString()!;
    }

    public static async Task<JsonElement> WebhookAsync(GraphQLClient graphQL, string admin, string id)
    {
        var response = await graphQL.SendAsync(WebhooksQuery, token: admin);
        Assert.False(response.HasErrors, response.ToString());
        return response.At("webhooks").EnumerateArray().Single(w => w.GetProperty("id").GetString() == id);
    }

    public static async Task DeleteAsync(GraphQLClient graphQL, string admin, string id)
    {
        var response = await graphQL.SendAsync("mutation($id: ID!) { deleteWebhook(input: {id: $id}) { deletedId errors { code } } }", new { id }, admin);
        Assert.Equal(id, response.Payload("deleteWebhook").GetProperty("deletedId").GetString());
    }
}
