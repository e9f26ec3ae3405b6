namespace PortalGrains.IntegrationTests.Gateway;

/// <summary>An application with ACTIVE access to one product and plan, and the client the IdP registered for it.</summary>
public sealed record ProvisionedClient(
    string ApplicationId,
    string ProductId,
    string PlanId,
    string ClientId,
    string ClientSecret,
    string ProductScope,
    string PlanScope,
    string OwnerToken)
{
    public override string ToString() => $"ProvisionedClient {{ ApplicationId = {ApplicationId}, ClientId = {ClientId} }}";
}
