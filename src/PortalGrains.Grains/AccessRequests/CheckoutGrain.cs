using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using PortalGrains.Abstractions.AccessRequests;
using PortalGrains.Abstractions.Applications;
using PortalGrains.Abstractions.Catalog;
using PortalGrains.Abstractions.Common;
using PortalGrains.Abstractions.Developers;
using PortalGrains.Abstractions.Providers;
using PortalGrains.Abstractions.Teams;
using PortalGrains.Grains.Validation;

namespace PortalGrains.Grains.AccessRequests;

/// <summary>
/// Checks a checkout completely (catalogue, provider, application, redirect URIs), reserves its slots against the
/// developer's limits (<c>Portal:Limits</c>) at the developer grain, and only then creates the
/// application, the access request and the developer's index entries; with an auto-approving plan it approves the
/// request as <see cref="AutoApprover"/>.
/// </summary>
/// <remarks>
/// The catalogue is read from the catalogue grain, not from the silo's cached copy: a checkout must not be
/// accepted against a product that was just unpublished. An application that does not exist, was deleted or
/// belongs to someone else is reported the same way (NOT_FOUND), so that its existence is not revealed; an
/// unpublished product is NOT_FOUND for developers and NOT_PUBLISHED for admins.
/// </remarks>
[StatelessWorker]
public sealed class CheckoutGrain(ILogger<CheckoutGrain> logger) : Grain, ICheckoutGrain
{
    /// <summary>Who approves requests for plans that approve automatically.</summary>
    public static readonly Caller AutoApprover = Caller.System with { Id = "system:auto-approve" };

    public async Task<CommandResult<AccessRequestView>> CheckoutAsync(
        CheckoutRequest request, Caller caller, string? emailClaim, string? nameClaim, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(caller.Id))
        {
            return CommandResult<AccessRequestView>.Failure(UserError.For(UserErrorCodes.Forbidden, "Sign in to request access."));
        }

        var errors = new List<UserError>();
        var redirectUris = request.RedirectUris is { IsDefault: false } given ? given : (ImmutableArray<string>?)null;
        var existingApplicationId = TextRules.Normalize(request.ApplicationId);
        ValidateShape(request, existingApplicationId, redirectUris, errors);

        var (product, plan, clientType) = await ValidateCatalogAsync(request, caller, errors, cancellationToken);

        ApplicationView? existingApplication = null;
        if (existingApplicationId is not null)
        {
            existingApplication = await GrainFactory.GetGrain<IApplicationGrain>(existingApplicationId).GetAsync(cancellationToken);
            if (existingApplication is null
                || !(await ApplicationAuthorization.DecideAsync(GrainFactory, caller, existingApplication, cancellationToken)).Checkout)
            {
                existingApplication = null;
                errors.Add(UserError.For(UserErrorCodes.NotFound, "You have no application with this id.", "input", "applicationId"));
            }
            else if (product is not null && clientType is not null
                && await GrainFactory.GetGrain<IApplicationGrain>(existingApplicationId)
                    .CheckGrantAsync(product.ProviderId!, clientType.Id, cancellationToken) is { } mismatch)
            {
                errors.Add(mismatch);
            }
        }

        if (existingApplicationId is null && TextRules.Normalize(request.NewApplicationTeamId) is { } teamId
            && !(await ApplicationAuthorization.TeamRolesAsync(GrainFactory, caller, cancellationToken)).ContainsKey(teamId))
        {
            errors.Add(UserError.For(UserErrorCodes.NotFound, "You are a member of no team with this id.", "input", "newApplication", "teamId"));
        }

        if (clientType is { UsesRedirects: true }
            && (redirectUris is null || redirectUris.Value.IsEmpty)
            && (existingApplicationId is null || existingApplication is { RedirectUris.IsDefaultOrEmpty: true }))
        {
            errors.Add(UserError.For(UserErrorCodes.Required,
                $"The client type '{clientType.Name}' signs users in through a browser: give at least one redirect URI.", "input", "redirectUris"));
        }

        if (clientType is not null)
        {
            RequireKeys(clientType, request.Keys, existingApplication?.Keys, errors);
        }

        if (errors.Count > 0)
        {
            return CommandResult<AccessRequestView>.Failure(errors);
        }

        return await CreateAsync(request, caller, emailClaim, nameClaim, product!, plan!, existingApplication, redirectUris, cancellationToken);
    }

    private static void ValidateShape(CheckoutRequest request, string? existingApplicationId, ImmutableArray<string>? redirectUris, List<UserError> errors)
    {
        if (string.IsNullOrWhiteSpace(request.ProductId))
        {
            errors.Add(UserError.For(UserErrorCodes.Required, "Choose a product.", "input", "productId"));
        }

        if (string.IsNullOrWhiteSpace(request.PlanId))
        {
            errors.Add(UserError.For(UserErrorCodes.Required, "Choose a plan.", "input", "planId"));
        }

        if (string.IsNullOrWhiteSpace(request.ClientTypeId))
        {
            errors.Add(UserError.For(UserErrorCodes.Required, "Choose a client type.", "input", "clientTypeId"));
        }

        var wantsNewApplication = request.NewApplicationName is not null || request.NewApplicationDescription is not null;
        if (existingApplicationId is not null && wantsNewApplication)
        {
            errors.Add(UserError.For(UserErrorCodes.Invalid,
                "Give either an existing application or a new one, not both.", "input", "newApplication"));
        }
        else if (existingApplicationId is null && !wantsNewApplication)
        {
            errors.Add(UserError.For(UserErrorCodes.Required,
                "Choose one of your applications or name a new one.", "input", "applicationId"));
        }
        else if (existingApplicationId is null)
        {
            TextRules.Required(request.NewApplicationName, InputLimits.MaxNameLength, "The application's name", errors, "input", "newApplication", "name");
            TextRules.Optional(request.NewApplicationDescription, InputLimits.MaxDescriptionLength, "The application's description", errors,
                "input", "newApplication", "description");
        }

        if (redirectUris is { } uris)
        {
            errors.AddRange(RedirectUriValidator.Validate(uris));
        }

        if (request.Keys is { } keys)
        {
            ClientKeyRules.Validate(keys, errors);
        }
    }

    /// <summary>A key-based client type needs the application's key setting, given now or held already.</summary>
    private static void RequireKeys(ClientTypeSpec clientType, ClientKeys? given, ClientKeys? held, List<UserError> errors)
    {
        if (clientType.TokenEndpointAuthMethod == "private_key_jwt"
            && TextRules.Normalize(given?.JwksUri) is null && TextRules.Normalize(held?.JwksUri) is null)
        {
            errors.Add(UserError.For(UserErrorCodes.Required,
                $"The client type '{clientType.Name}' authenticates with private_key_jwt: give the application's jwksUri.", "input", "jwksUri"));
        }

        if (clientType.TokenEndpointAuthMethod == "tls_client_auth"
            && TextRules.Normalize(given?.TlsClientAuthSubjectDn) is null && TextRules.Normalize(held?.TlsClientAuthSubjectDn) is null)
        {
            errors.Add(UserError.For(UserErrorCodes.Required,
                $"The client type '{clientType.Name}' authenticates with a client certificate: give its tlsClientAuthSubjectDn.",
                "input", "tlsClientAuthSubjectDn"));
        }
    }

    private async Task<(Product? Product, Plan? Plan, ClientTypeSpec? ClientType)> ValidateCatalogAsync(
        CheckoutRequest request, Caller caller, List<UserError> errors, CancellationToken cancellationToken)
    {
        var catalog = await GrainFactory.GetGrain<ICatalogGrain>(ICatalogGrain.Key).GetSnapshotAsync(cancellationToken);
        var product = string.IsNullOrWhiteSpace(request.ProductId) ? null : catalog.FindProduct(request.ProductId);
        var plan = string.IsNullOrWhiteSpace(request.PlanId) ? null : catalog.FindPlan(request.PlanId);
        if (product is null || (!product.Published && !caller.IsAdmin))
        {
            if (!string.IsNullOrWhiteSpace(request.ProductId))
            {
                errors.Add(UserError.For(UserErrorCodes.NotFound, "No product has this id.", "input", "productId"));
            }

            product = null;
        }
        else if (!product.Published)
        {
            errors.Add(UserError.For(UserErrorCodes.NotPublished, "This product is not published.", "input", "productId"));
            product = null;
        }
        else if (!product.DcrEnabled || product.ProviderId is null)
        {
            errors.Add(UserError.For(UserErrorCodes.DcrDisabled,
                "Access to this product is not provisioned through the portal.", "input", "productId"));
            product = null;
        }

        if (plan is null && !string.IsNullOrWhiteSpace(request.PlanId))
        {
            errors.Add(UserError.For(UserErrorCodes.NotFound, "No plan has this id.", "input", "planId"));
        }

        if (product is null || string.IsNullOrWhiteSpace(request.ClientTypeId))
        {
            return (product, plan, null);
        }

        if (!product.ClientTypeIds.Contains(request.ClientTypeId))
        {
            errors.Add(UserError.For(UserErrorCodes.ClientTypeNotAllowed,
                "This product does not offer this client type.", "input", "clientTypeId"));
            return (product, plan, null);
        }

        var provider = await GrainFactory.GetGrain<IProviderGrain>(product.ProviderId!).GetAsync(cancellationToken);
        var clientType = provider?.FindClientType(request.ClientTypeId);
        if (provider is null)
        {
            errors.Add(UserError.For(UserErrorCodes.NotFound,
                "The product's identity provider is not configured; ask an admin.", "input", "productId"));
        }
        else if (clientType is null)
        {
            errors.Add(UserError.For(UserErrorCodes.ClientTypeNotAllowed,
                "The product's identity provider no longer offers this client type.", "input", "clientTypeId"));
        }

        return (product, plan, clientType);
    }

    private async Task<CommandResult<AccessRequestView>> CreateAsync(
        CheckoutRequest request,
        Caller caller,
        string? emailClaim,
        string? nameClaim,
        Product product,
        Plan plan,
        ApplicationView? existingApplication,
        ImmutableArray<string>? redirectUris,
        CancellationToken cancellationToken)
    {
        var developer = GrainFactory.GetGrain<IDeveloperGrain>(caller.Id);
        var newApplication = existingApplication is null;
        var applicationId = existingApplication?.Id ?? NewId();
        var requestId = NewId();
        await developer.GetOrCreateAsync(emailClaim, nameClaim, cancellationToken);
        if (await developer.ReserveCheckoutAsync(newApplication ? applicationId : null, requestId, cancellationToken) is { } refused)
        {
            return CommandResult<AccessRequestView>.Failure(refused);
        }

        try
        {
            if (newApplication)
            {
                var teamId = TextRules.Normalize(request.NewApplicationTeamId);
                if (teamId is not null)
                {
                    await GrainFactory.GetGrain<ITeamGrain>(teamId).AddApplicationAsync(applicationId, caller, cancellationToken);
                }

                await GrainFactory.GetGrain<IApplicationGrain>(applicationId).CreateAsync(
                    new ApplicationDraft(caller.Id, request.NewApplicationName!.Trim(), TextRules.Normalize(request.NewApplicationDescription), redirectUris ?? [],
                        request.Keys is { } keys ? new ClientKeys(TextRules.Normalize(keys.JwksUri), TextRules.Normalize(keys.TlsClientAuthSubjectDn)) : null,
                        teamId),
                    cancellationToken);
                await developer.AddApplicationAsync(applicationId, cancellationToken);
            }

            var accessRequest = GrainFactory.GetGrain<IAccessRequestGrain>(requestId);
            var created = await accessRequest.CreateAsync(
                new AccessRequestDraft(caller.Id, applicationId, product.Id, plan.Id, product.ProviderId!, request.ClientTypeId,
                    [.. product.Scopes.Concat(plan.Scopes).Distinct(StringComparer.Ordinal)]),
                cancellationToken);
            // A new application received its redirect URIs when it was created.
            await GrainFactory.GetGrain<IApplicationGrain>(applicationId).AttachAccessRequestAsync(
                requestId, newApplication ? null : redirectUris, newApplication ? null : request.Keys, cancellationToken);
            await developer.AddAccessRequestAsync(requestId, cancellationToken);

            if (plan.AutoApprove)
            {
                var approved = await accessRequest.ApproveAsync(AutoApprover, cancellationToken);
                return CommandResult<AccessRequestView>.Success(approved.Value ?? created);
            }

            return CommandResult<AccessRequestView>.Success(created);
        }
        catch (Exception e)
        {
            if (e is not OperationCanceledException)
            {
                AccessRequestLog.CheckoutInterrupted(logger, e, caller.Id, newApplication ? applicationId : null);
            }

            await ReleaseAsync(developer, caller.Id, requestId);
            throw;
        }
    }

    /// <summary>Gives the reservation back (the developer keeps what was created); when that fails too, it expires.</summary>
    private async Task ReleaseAsync(IDeveloperGrain developer, string developerId, string requestId)
    {
        try
        {
            await developer.ReleaseCheckoutAsync(requestId, CancellationToken.None);
        }
        catch (Exception e)
        {
            AccessRequestLog.ReservationReleaseFailed(logger, e, developerId, requestId);
        }
    }

    private static string NewId() => Guid.NewGuid().ToString("N");
}
