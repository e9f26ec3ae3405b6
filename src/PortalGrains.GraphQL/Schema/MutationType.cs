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
            .Description("admin or owner (for a team's application: an OWNER of the team); the request's scopes leave the registered client")
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
        Field<NonNullGraphType<ApplicationPayloadType>>("importClient")
            .Description("admin; adopt a client that already exists at the provider into an application: its next approval there updates that client instead of registering one")
            .Argument<NonNullGraphType<ImportClientInputType>>("input")
            .ResolveAsync(async c => await ApplicationMutations.ImportClientAsync(c));
        Field<NonNullGraphType<DeletePayloadType>>("deleteApplication")
            .Description("owner or admin; every client registered for it is deleted at its IdP")
            .Argument<NonNullGraphType<DeleteInputType>>("input")
            .ResolveAsync(async c => await ApplicationMutations.DeleteAsync(c));
        Field<NonNullGraphType<TeamPayloadType>>("createTeam")
            .Description("any developer; the caller becomes its first OWNER")
            .Argument<NonNullGraphType<CreateTeamInputType>>("input")
            .ResolveAsync(async c => await TeamMutations.CreateAsync(c));
        Field<NonNullGraphType<TeamInvitationPayloadType>>("inviteTeamMember")
            .Description("team OWNER; by developer id or e-mail; the invitation expires (Portal:Teams:InvitationLifetime)")
            .Argument<NonNullGraphType<InviteTeamMemberInputType>>("input")
            .ResolveAsync(async c => await TeamMutations.InviteAsync(c));
        Field<NonNullGraphType<TeamPayloadType>>("acceptTeamInvitation")
            .Description("the invited developer")
            .Argument<NonNullGraphType<IdInputType>>("input")
            .ResolveAsync(async c => await TeamMutations.AcceptAsync(c));
        Field<NonNullGraphType<TeamPayloadType>>("revokeTeamInvitation")
            .Description("team OWNER; the invitation can no longer be accepted")
            .Argument<NonNullGraphType<IdInputType>>("input")
            .ResolveAsync(async c => await TeamMutations.RevokeInvitationAsync(c));
        Field<NonNullGraphType<TeamPayloadType>>("removeTeamMember")
            .Description("team OWNER, or the member themself; the last OWNER cannot leave; access ends at once")
            .Argument<NonNullGraphType<RemoveTeamMemberInputType>>("input")
            .ResolveAsync(async c => await TeamMutations.RemoveMemberAsync(c));
        Field<NonNullGraphType<ApplicationPayloadType>>("transferApplication")
            .Description("the application's owner (who must be an OWNER of the team) or an admin; its clients stay as they are")
            .Argument<NonNullGraphType<TransferApplicationInputType>>("input")
            .ResolveAsync(async c => await ApplicationMutations.TransferAsync(c));
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
