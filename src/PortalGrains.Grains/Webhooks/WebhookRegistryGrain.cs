using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using PortalGrains.Abstractions.Common;
using PortalGrains.Abstractions.Webhooks;
using PortalGrains.Grains.Audit;
using PortalGrains.Grains.Persistence;
using PortalGrains.Grains.Security;
using PortalGrains.Grains.Validation;

namespace PortalGrains.Grains.Webhooks;

/// <summary>
/// The registered endpoints. A secret is generated (or taken from the admin) on creation and whenever one is given,
/// stored encrypted, and returned only by the call that set it. Every change is in the audit log before it is acknowledged.
/// </summary>
public sealed class WebhookRegistryGrain(
    [PersistentState("webhookRegistry")] IPersistentState<WebhookRegistryState> state,
    ISecretProtector secrets,
    IOptions<WebhookOptions> options,
    AuditRecorder audit,
    TimeProvider clock) : Grain, IWebhookRegistryGrain
{
    public async Task<CommandResult<WebhookSaved>> UpsertAsync(string? id, WebhookUpsert webhook, Caller caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        if (!caller.IsAdmin)
        {
            return CommandResult<WebhookSaved>.Failure(Forbidden());
        }

        var errors = WebhookValidation.Validate(id, webhook, options.Value);
        var exists = id is not null && state.State.Endpoints.ContainsKey(id);
        if (!exists && state.State.Endpoints.Count >= options.Value.MaxEndpoints)
        {
            errors.Add(UserError.For(UserErrorCodes.LimitExceeded, $"At most {options.Value.MaxEndpoints} webhooks can be registered."));
        }

        if (errors.Count > 0)
        {
            return CommandResult<WebhookSaved>.Failure(errors);
        }

        var endpointId = id ?? Guid.NewGuid().ToString("N");
        var secret = webhook.Secret ?? (exists ? null : WebhookSecrets.Generate());
        var now = clock.GetUtcNow();
        var endpoint = state.State.Endpoints.GetValueOrDefault(endpointId) ?? new WebhookEndpoint { Id = endpointId, CreatedAt = now };
        await state.UpdateAsync(this, s =>
        {
            endpoint.Url = webhook.Url.Trim();
            endpoint.Events = [.. webhook.Events.Distinct()];
            endpoint.Active = webhook.Active;
            endpoint.DisabledReason = null;
            endpoint.UpdatedAt = now;
            if (secret is not null)
            {
                endpoint.ProtectedSecret = secrets.Protect(secret);
            }

            s.Endpoints[endpointId] = endpoint;
            return true;
        }, cancellationToken);
        var detail = $"{endpoint.Url} [{string.Join(", ", endpoint.Events)}]{(endpoint.Active ? "" : " inactive")}{(secret is null ? "" : ", new secret")}";
        await audit.RecordAsync(caller.Id, "webhook.upsert", AuditSubjects.Webhook, endpointId, detail, cancellationToken);
        return CommandResult<WebhookSaved>.Success(new WebhookSaved(endpoint.View(), secret));
    }

    public async Task<CommandResult<string>> DeleteAsync(string id, Caller caller, CancellationToken cancellationToken = default)
    {
        if (!caller.IsAdmin)
        {
            return CommandResult<string>.Failure(Forbidden());
        }

        if (!state.State.Endpoints.ContainsKey(id))
        {
            return CommandResult<string>.Failure(UserError.For(UserErrorCodes.NotFound, "No such webhook.", "input", "id"));
        }

        await state.UpdateAsync(this, s => s.Endpoints.Remove(id), cancellationToken);
        await audit.RecordAsync(caller.Id, "webhook.delete", AuditSubjects.Webhook, id, null, cancellationToken);
        return CommandResult<string>.Success(id);
    }

    public Task<ImmutableArray<WebhookView>> ListAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(state.State.Endpoints.Values.OrderBy(e => e.CreatedAt).Select(e => e.View()).ToImmutableArray());

    public Task<ImmutableArray<WebhookTarget>> GetTargetsAsync(WebhookEventType type, CancellationToken cancellationToken = default) =>
        Task.FromResult(state.State.Endpoints.Values
            .Where(e => e.Active && e.Events.Contains(type))
            .OrderBy(e => e.CreatedAt)
            .Select(e => e.Target())
            .ToImmutableArray());

    public Task<WebhookTarget?> GetTargetAsync(string endpointId, CancellationToken cancellationToken = default) =>
        Task.FromResult(state.State.Endpoints.GetValueOrDefault(endpointId) is { Active: true } e ? e.Target() : null);

    public async Task DisableAsync(string endpointId, string reason, CancellationToken cancellationToken = default)
    {
        var disabled = await state.UpdateAsync(this, s =>
        {
            if (s.Endpoints.GetValueOrDefault(endpointId) is not { Active: true } endpoint)
            {
                return false;
            }

            endpoint.Active = false;
            endpoint.DisabledReason = TextRules.Normalize(reason);
            endpoint.UpdatedAt = clock.GetUtcNow();
            return true;
        }, cancellationToken);
        if (disabled)
        {
            await audit.RecordAsync(WebhookOutboxGrain.Actor, "webhook.disable", AuditSubjects.Webhook, endpointId, reason, cancellationToken);
        }
    }

    private static UserError Forbidden() => UserError.For(UserErrorCodes.Forbidden, "Only admins manage webhooks.");
}
