using GraphQL.Types;
using PortalGrains.Abstractions.Webhooks;

namespace PortalGrains.GraphQL.Schema.Enums;

public sealed class WebhookEventEnumType : EnumerationGraphType
{
    public WebhookEventEnumType()
    {
        Name = "WebhookEvent";
        Description = "deliveries follow the Standard Webhooks specification (webhook-id, webhook-timestamp, webhook-signature)";
        Add("ACCESS_REQUEST_CREATED", WebhookEventType.AccessRequestCreated);
        Add("ACCESS_REQUEST_STATUS_CHANGED", WebhookEventType.AccessRequestStatusChanged);
        Add("APPLICATION_CREATED", WebhookEventType.ApplicationCreated);
        Add("APPLICATION_DELETED", WebhookEventType.ApplicationDeleted);
        Add("CREDENTIALS_ROTATED", WebhookEventType.CredentialsRotated);
        Add("TEAM_MEMBERSHIP_CHANGED", WebhookEventType.TeamMembershipChanged);
    }
}
