using GraphQL;
using GraphQL.Types;
using PortalGrains.GraphQL.Schema.Inputs;
using PortalGrains.GraphQL.Schema.Mutations;
using PortalGrains.GraphQL.Schema.Payloads;

namespace PortalGrains.GraphQL.Schema;

/// <summary>
/// Every mutation needs a token. Admin-only mutations answer a developer with a <c>FORBIDDEN</c> GraphQL error;
/// validation and business-rule failures are <c>UserError</c>s in the payload (and then nothing changed).
/// </summary>
public sealed class MutationType : ObjectGraphType
{
    public MutationType()
    {
        Name = "Mutation";

        Field<NonNullGraphType<ProviderPayloadType>>("upsertProvider")
            .Description("admin; create with the given id, or update")
            .Argument<NonNullGraphType<UpsertProviderInputType>>("input")
            .ResolveAsync(async c => await ProviderMutations.UpsertAsync(c));
        Field<NonNullGraphType<DeletePayloadType>>("deleteProvider")
            .Description("admin; refused while products use the provider")
            .Argument<NonNullGraphType<DeleteInputType>>("input")
            .ResolveAsync(async c => await ProviderMutations.DeleteAsync(c));
        Field<NonNullGraphType<TestProviderConnectionPayloadType>>("testProviderConnection")
            .Description("admin; fetches discovery and JWKS and obtains the initial access token, reporting each step")
            .Argument<NonNullGraphType<TestProviderConnectionInputType>>("input")
            .ResolveAsync(async c => await ProviderMutations.TestConnectionAsync(c));
        Field<NonNullGraphType<ProductPayloadType>>("upsertProduct")
            .Description("admin")
            .Argument<NonNullGraphType<UpsertProductInputType>>("input")
            .ResolveAsync(async c => await CatalogMutations.UpsertProductAsync(c));
        Field<NonNullGraphType<PlanPayloadType>>("upsertPlan")
            .Description("admin")
            .Argument<NonNullGraphType<UpsertPlanInputType>>("input")
            .ResolveAsync(async c => await CatalogMutations.UpsertPlanAsync(c));
        Field<NonNullGraphType<ViewerPayloadType>>("updateMyProfile")
            .Argument<NonNullGraphType<UpdateProfileInputType>>("input")
            .ResolveAsync(async c => await ProfileMutations.UpdateMyProfileAsync(c));
        Field<NonNullGraphType<AccessRequestPayloadType>>("checkout")
            .Description("developer: request access to a product and plan for a new or an existing application")
            .Argument<NonNullGraphType<CheckoutInputType>>("input")
            .ResolveAsync(async c => await AccessRequestMutations.CheckoutAsync(c));
        Field<NonNullGraphType<AccessRequestPayloadType>>("approveAccessRequest")
            .Description("admin; starts provisioning; idempotent")
            .Argument<NonNullGraphType<DecideInputType>>("input")
            .ResolveAsync(async c => await AccessRequestMutations.ApproveAsync(c));
        Field<NonNullGraphType<AccessRequestPayloadType>>("rejectAccessRequest")
            .Description("admin")
            .Argument<NonNullGraphType<DecideInputType>>("input")
            .ResolveAsync(async c => await AccessRequestMutations.RejectAsync(c));
        Field<NonNullGraphType<AccessRequestPayloadType>>("retryAccessRequest")
            .Description("admin; a FAILED request is provisioned again")
            .Argument<NonNullGraphType<DecideInputType>>("input")
            .ResolveAsync(async c => await AccessRequestMutations.RetryAsync(c));
        Field<NonNullGraphType<AccessRequestPayloadType>>("revokeAccessRequest")
            .Description("admin or owner; the request's scopes leave the registered client")
            .Argument<NonNullGraphType<DecideInputType>>("input")
            .ResolveAsync(async c => await AccessRequestMutations.RevokeAsync(c));
        Field<NonNullGraphType<ApplicationPayloadType>>("updateApplication")
            .Description("owner; name, description, redirect URIs (propagated to the IdP)")
            .Argument<NonNullGraphType<UpdateApplicationInputType>>("input")
            .ResolveAsync(async c => await ApplicationMutations.UpdateAsync(c));
        Field<NonNullGraphType<ApplicationPayloadType>>("rotateClientSecret")
            .Description("owner; the old secret stops working (after gracePeriodSeconds where the IdP supports it)")
            .Argument<NonNullGraphType<RotateSecretInputType>>("input")
            .ResolveAsync(async c => await ApplicationMutations.RotateSecretAsync(c));
        Field<NonNullGraphType<DeletePayloadType>>("deleteApplication")
            .Description("owner or admin; every client registered for it is deleted at its IdP")
            .Argument<NonNullGraphType<DeleteInputType>>("input")
            .ResolveAsync(async c => await ApplicationMutations.DeleteAsync(c));
        Field<NonNullGraphType<WebhookPayloadType>>("upsertWebhook")
            .Description("admin; the secret is returned only when this call created or replaced it")
            .Argument<NonNullGraphType<UpsertWebhookInputType>>("input")
            .ResolveAsync(async c => await WebhookMutations.UpsertAsync(c));
        Field<NonNullGraphType<DeletePayloadType>>("deleteWebhook")
            .Description("admin")
            .Argument<NonNullGraphType<DeleteInputType>>("input")
            .ResolveAsync(async c => await WebhookMutations.DeleteAsync(c));
    }
}
