using GraphQL;
using PortalGrains.Abstractions.Common;
using PortalGrains.Abstractions.Webhooks;
using PortalGrains.GraphQL.Execution;
using PortalGrains.GraphQL.Schema.Inputs;
using PortalGrains.GraphQL.Schema.Models;

namespace PortalGrains.GraphQL.Schema.Mutations;

/// <summary>Admin mutations on webhook endpoints; the registry grain validates the URL, events and secret.</summary>
internal static class WebhookMutations
{
    public static async Task<MutationPayload<WebhookSaved>> UpsertAsync(IResolveFieldContext context)
    {
        var portal = context.Portal();
        var admin = portal.RequireAdmin();
        var input = context.GetArgument<UpsertWebhookInput>("input");
        var validator = new InputValidator()
            .Id(input.Id, "id")
            .RequiredText(input.Url, InputLimits.MaxUrlLength, "url");
        if (input.Events.Count > Enum.GetValues<WebhookEventType>().Length)
        {
            validator.Add(UserErrorCodes.TooMany, "Name each event once.", "input", "events");
        }

        if (input.Secret is { Length: > 200 })
        {
            validator.Add(UserErrorCodes.TooLong, "The secret is too long.", "input", "secret");
        }

        if (validator.HasErrors)
        {
            return MutationPayload<WebhookSaved>.Failure(validator.Errors);
        }

        var webhook = new WebhookUpsert(input.Url, [.. input.Events], input.Secret, input.Active);
        var result = await portal.Grains.GetGrain<IWebhookRegistryGrain>(IWebhookRegistryGrain.Key)
            .UpsertAsync(input.Id, webhook, admin.ToCaller(), portal.CancellationToken);
        return MutationPayload<WebhookSaved>.From(result);
    }

    public static Task<MutationPayload<string>> DeleteAsync(IResolveFieldContext context) =>
        AdminDelete.RunAsync(context, (portal, id, caller) =>
            portal.Grains.GetGrain<IWebhookRegistryGrain>(IWebhookRegistryGrain.Key).DeleteAsync(id, caller, portal.CancellationToken));
}
