namespace PortalGrains.Abstractions.Webhooks;

/// <summary>What a webhook announces; its wire name (in the payload's <c>type</c>) is the GraphQL enum value, e.g. ACCESS_REQUEST_CREATED.</summary>
public enum WebhookEventType
{
    AccessRequestCreated,
    AccessRequestStatusChanged,
    ApplicationCreated,
    ApplicationDeleted,
    CredentialsRotated,
    TeamMembershipChanged,
}
