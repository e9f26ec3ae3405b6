using System.Text.Json;
using PortalGrains.Abstractions.AccessRequests;
using PortalGrains.Abstractions.Applications;
using PortalGrains.Abstractions.Teams;
using PortalGrains.Abstractions.Webhooks;

namespace PortalGrains.Grains.Webhooks;

/// <summary>
/// Builds the events grains stage in their state with a change. <c>data</c> is the subject with the field names the
/// GraphQL API gives it, as an admin sees it (never a secret; references as <c>{"id": …}</c>).
/// </summary>
public static class WebhookEvents
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>An event about <paramref name="subjectId"/>; <paramref name="data"/> is serialized as JSON (camelCase). Teams use this one.</summary>
    public static WebhookEvent Create(WebhookEventType type, string subjectId, object data, DateTimeOffset at) =>
        new("msg_" + Guid.NewGuid().ToString("N"), type, subjectId, at, JsonSerializer.Serialize(data, Json));

    public static WebhookEvent AccessRequestCreated(AccessRequestView request) =>
        Create(WebhookEventType.AccessRequestCreated, request.Id, AccessRequestData(request), request.UpdatedAt);

    public static WebhookEvent AccessRequestStatusChanged(AccessRequestView request) =>
        Create(WebhookEventType.AccessRequestStatusChanged, request.Id, AccessRequestData(request), request.UpdatedAt);

    public static WebhookEvent ApplicationCreated(ApplicationView application, DateTimeOffset at) =>
        Create(WebhookEventType.ApplicationCreated, application.Id, ApplicationData(application), at);

    public static WebhookEvent ApplicationDeleted(ApplicationView application, DateTimeOffset at) =>
        Create(WebhookEventType.ApplicationDeleted, application.Id, ApplicationData(application), at);

    /// <summary>The application whose client at <paramref name="providerId"/> has a new secret (the client id, never the secret).</summary>
    public static WebhookEvent CredentialsRotated(ApplicationView application, string providerId, string clientId, DateTimeOffset at) =>
        Create(WebhookEventType.CredentialsRotated, application.Id, new
        {
            application = ApplicationData(application),
            credentials = new { providerId, clientId },
        }, at);

    /// <summary>A team's members changed; <paramref name="team"/> is the team as the GraphQL API shows it to an admin.</summary>
    public static WebhookEvent TeamMembershipChanged(string teamId, object team, DateTimeOffset at) =>
        Create(WebhookEventType.TeamMembershipChanged, teamId, team, at);

    /// <summary>A team as an admin sees it: its members with their roles and its applications.</summary>
    public static object TeamData(TeamView team) => new
    {
        id = team.Id,
        name = team.Name,
        createdAt = team.CreatedAt,
        members = team.Members.Select(m => new { developerId = m.DeveloperId, role = m.Role.ToString().ToUpperInvariant(), joinedAt = m.JoinedAt }).ToArray(),
        applications = team.ApplicationIds.Select(id => new { id }).ToArray(),
    };

    private static object AccessRequestData(AccessRequestView r) => new
    {
        id = r.Id,
        status = r.Status.ToString().ToUpperInvariant(),
        product = new { id = r.ProductId },
        plan = new { id = r.PlanId },
        application = new { id = r.ApplicationId },
        developerId = r.DeveloperId,
        clientTypeId = r.ClientTypeId,
        providerId = r.ProviderId,
        scopes = r.Scopes.IsDefault ? [] : r.Scopes.ToArray(),
        createdAt = r.CreatedAt,
        updatedAt = r.UpdatedAt,
        decidedBy = r.DecidedBy,
        failureReason = AccessRequestFailureReason.For(r, forAdmin: true),
    };

    private static object ApplicationData(ApplicationView a) => new
    {
        id = a.Id,
        name = a.Name,
        description = a.Description,
        ownerId = a.OwnerId,
        redirectUris = a.RedirectUris.IsDefault ? [] : a.RedirectUris.ToArray(),
        createdAt = a.CreatedAt,
        deleted = a.Deleted,
    };
}
