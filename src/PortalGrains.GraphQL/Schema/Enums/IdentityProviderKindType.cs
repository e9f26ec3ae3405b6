using GraphQL.Types;
using PortalGrains.Abstractions.Providers;

namespace PortalGrains.GraphQL.Schema.Enums;

public sealed class IdentityProviderKindType : EnumerationGraphType
{
    public IdentityProviderKindType()
    {
        Name = "IdentityProviderKind";
        Description = "the identity provider product; OTHER uses plain RFC 7591/7592 dynamic client registration";
        Add("OTHER", ProviderKind.Other);
        Add("KEYCLOAK", ProviderKind.Keycloak);
        Add("OKTA", ProviderKind.Okta);
        Add("CURITY", ProviderKind.Curity);
        Add("GLUU", ProviderKind.Gluu);
        Add("AUTH0", ProviderKind.Auth0);
        Add("HTTP_BRIDGE", ProviderKind.HttpBridge,
            "a customer's HTTP service implementing Kong Konnect's DCR HTTP integration (POST /, DELETE /{id}, POST /{id}/new-secret, X-API-KEY)");
        Add("ENTRA", ProviderKind.Entra, "Microsoft Entra ID through Microsoft Graph (no RFC 7591 there)");
    }
}
