using System.Reflection;
using GraphQL;
using GraphQL.Resolvers;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using PortalGrains.Abstractions.AccessRequests;
using PortalGrains.Abstractions.Applications;
using PortalGrains.Abstractions.Audit;
using PortalGrains.Abstractions.Common;
using PortalGrains.Abstractions.Gateway;
using PortalGrains.Abstractions.Providers;
using PortalGrains.Abstractions.Webhooks;
using PortalGrains.GraphQL.Errors;
using PortalGrains.GraphQL.Execution;
using PortalGrains.GraphQL.Schema.Enums;
using PortalGrains.GraphQL.Schema.Models;
using PortalGrains.GraphQL.Schema.Types;

namespace PortalGrains.GraphQL.Schema;

/// <summary>
/// The queries. Anonymous callers (no bearer token) may read the published catalogue — <c>products</c>,
/// <c>product</c>, <c>plans</c> — and <c>serverVersion</c>, so that a portal can show its catalogue before login.
/// Every other field needs a valid login token (<c>UNAUTHENTICATED</c> otherwise); admin-only fields answer
/// developers with <c>FORBIDDEN</c>. Applications and access requests of someone else resolve to null.
/// A token that is sent but not valid fails the whole request (see the HTTP endpoint), never downgraded to anonymous.
/// An id argument that no id can match (see <see cref="IdArgument"/>) fails validation, before any resolver runs.
/// </summary>
public sealed class QueryType : ObjectGraphType
{
    private static readonly string ServerVersion =
        typeof(QueryType).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public QueryType()
    {
        Name = "Query";
        Field<NonNullGraphType<StringGraphType>>("serverVersion")
            .Description("the version of the PortalGrains server answering")
            .Resolve(_ => ServerVersion);

        Field<NonNullGraphType<ViewerType>>("viewer")
            .Description("the caller; creates the developer profile on first use")
            .ResolveAsync(async c =>
            {
                var portal = c.Portal();
                var user = portal.RequireUser();
                return new ViewerModel(user, await portal.GetOrCreateProfileAsync());
            });

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OAuthProviderType>>>>("providers")
            .Description("admin only")
            .ResolveAsync(async c =>
            {
                var portal = c.Portal();
                portal.RequireAdmin();
                var ids = await portal.Grains.GetGrain<IProviderDirectoryGrain>(IProviderDirectoryGrain.Key).ListAsync(portal.CancellationToken);
                var providers = await Task.WhenAll(ids.OrEmpty().Distinct(StringComparer.Ordinal).Select(portal.GetProviderAsync));
                return providers.OfType<ProviderView>().ToList();
            });

        Field<OAuthProviderType>("provider")
            .Description("admin only")
            .Argument<NonNullGraphType<IdGraphType>>("id", IdArgument.Checked)
            .ResolveAsync(async c =>
            {
                var portal = c.Portal();
                portal.RequireAdmin();
                return await portal.GetProviderAsync(c.GetArgument<string>("id"));
            });

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ApiProductType>>>>("products")
            .Description("the catalogue: published products (admins also see unpublished ones)")
            .Resolve(new FuncFieldResolver<object, object>(c => c.FromCatalog(static (catalog, portal) =>
                catalog.Products.OrEmpty().Where(p => p.Published || portal.IsAdmin).ToList())));

        Field<ApiProductType>("product")
            .Description("a product of the catalogue; an unpublished one only for admins")
            .Argument<NonNullGraphType<IdGraphType>>("id", IdArgument.Checked)
            .Resolve(new FuncFieldResolver<object, object>(c =>
            {
                var id = c.GetArgument<string>("id");
                return c.FromCatalog((catalog, portal) =>
                    catalog.FindProduct(id) is { } product && (product.Published || portal.IsAdmin) ? product : null);
            }));

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PlanType>>>>("plans")
            .Resolve(new FuncFieldResolver<object, object>(c => c.FromCatalog(static (catalog, _) => catalog.Plans.OrEmpty().ToList())));

        Field<ApplicationType>("application")
            .Description("owner, team member or admin; null for anyone else")
            .Argument<NonNullGraphType<IdGraphType>>("id", IdArgument.Checked)
            .ResolveAsync(async c =>
            {
                var portal = c.Portal();
                portal.RequireUser();
                return await portal.GetVisibleApplicationAsync(c.GetArgument<string>("id"));
            });

        Field<TeamType>("team")
            .Description("member or admin; null for anyone else")
            .Argument<NonNullGraphType<IdGraphType>>("id", IdArgument.Checked)
            .ResolveAsync(async c =>
            {
                var portal = c.Portal();
                portal.RequireUser();
                return await portal.GetVisibleTeamAsync(c.GetArgument<string>("id"));
            });

        Field<AccessRequestType>("accessRequest")
            .Description("owner or admin; null for anyone else")
            .Argument<NonNullGraphType<IdGraphType>>("id", IdArgument.Checked)
            .ResolveAsync(async c =>
            {
                var portal = c.Portal();
                portal.RequireUser();
                return await portal.GetVisibleAccessRequestAsync(c.GetArgument<string>("id"));
            });

        Field<NonNullGraphType<AccessRequestConnectionType>>("accessRequests")
            .Description("admin only; newest first")
            .Argument<AccessRequestStatusType>("status")
            .Argument<IntGraphType>("first", argument => argument.DefaultValue = 50)
            .Argument<StringGraphType>("after")
            .ResolveAsync(async c =>
            {
                var portal = c.Portal();
                portal.RequireAdmin();
                var status = c.GetArgument<AccessRequestStatus?>("status");
                var (first, after) = PageArguments.Read(c, 50);
                AccessRequestPage page;
                try
                {
                    page = await portal.Grains.GetGrain<IAccessRequestIndexGrain>(AccessRequestStatusType.IndexKey(status))
                        .PageAsync(first, after, portal.CancellationToken);
                }
                catch (ArgumentException)
                {
                    throw PageArguments.InvalidCursor();
                }

                var requests = await Task.WhenAll(page.Ids.OrEmpty().Select(portal.GetAccessRequestAsync));
                return new AccessRequestConnectionModel(
                    [.. requests.OfType<AccessRequestView>()], page.HasNextPage, page.EndCursor, page.TotalCount);
            });

        Field<NonNullGraphType<ApplicationConnectionType>>("applications")
            .Description("admin only; matches application name, id, owner id, team name and client id; newest first")
            .Argument<StringGraphType>("search")
            .Argument<IntGraphType>("first", argument => argument.DefaultValue = 50)
            .Argument<StringGraphType>("after")
            .ResolveAsync(async c =>
            {
                var portal = c.Portal();
                portal.RequireAdmin();
                var search = c.GetArgument<string?>("search");
                if (search is { Length: > InputLimits.MaxNameLength })
                {
                    throw PortalExecutionError.BadUserInput($"search is longer than {InputLimits.MaxNameLength} characters.");
                }

                var (first, after) = PageArguments.Read(c, 50);
                ApplicationSearchPage page;
                try
                {
                    page = await portal.Grains.GetGrain<IApplicationSearchIndexGrain>(IApplicationSearchIndexGrain.Key)
                        .SearchAsync(search, first, after, portal.CancellationToken);
                }
                catch (ArgumentException)
                {
                    throw PageArguments.InvalidCursor();
                }

                var applications = await Task.WhenAll(page.Entries.OrEmpty().Select(e => portal.GetApplicationAsync(e.Id)));
                return new ApplicationConnectionModel(
                    [.. applications.Where(a => a is { Deleted: false }).Select(a => a!)], page.HasNextPage, page.EndCursor, page.TotalCount);
            });

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<WebhookType>>>>("webhooks")
            .Description("admin only")
            .ResolveAsync(async c =>
            {
                var portal = c.Portal();
                portal.RequireAdmin();
                return (await portal.Grains.GetGrain<IWebhookRegistryGrain>(IWebhookRegistryGrain.Key).ListAsync(portal.CancellationToken)).OrEmpty();
            });

        Field<NonNullGraphType<AuditEntryConnectionType>>("auditLog")
            .Description("admin only: who changed providers, products, plans, webhooks, teams and decisions, newest first")
            .Argument<IntGraphType>("first", argument => argument.DefaultValue = 50)
            .Argument<StringGraphType>("after")
            .ResolveAsync(async c =>
            {
                var portal = c.Portal();
                portal.RequireAdmin();
                var (first, after) = PageArguments.Read(c, 50);
                try
                {
                    var page = await portal.Grains.GetGrain<IAuditLogGrain>(0).PageAsync(first, after, portal.CancellationToken);
                    return new AuditEntryConnectionModel(page.Entries.OrEmpty(), page.HasNextPage, page.EndCursor, page.TotalCount);
                }
                catch (ArgumentException)
                {
                    throw PageArguments.InvalidCursor();
                }
            });

        Field<NonNullGraphType<TokenVerificationType>>("verifyToken")
            .Description("checks a JWT against the issuing provider's cached JWKS and maps its scopes to products and plans")
            .Argument<NonNullGraphType<StringGraphType>>("token")
            .ResolveAsync(async c =>
            {
                var portal = c.Portal();
                portal.RequireUser();
                var token = c.GetArgument<string>("token");
                if (token.Length > InputLimits.MaxTokenLength)
                {
                    throw PortalExecutionError.BadUserInput($"token is longer than {InputLimits.MaxTokenLength} characters.");
                }

                var verifier = portal.Services.GetService<ITokenVerifier>()
                    ?? throw PortalExecutionError.NotConfigured("token verification is not configured");
                return await verifier.VerifyAsync(token, portal.CancellationToken);
            });

        Field<NonNullGraphType<GatewayConfigType>>("gatewayConfig")
            .Description("admin only: what an API gateway needs to validate tokens and map scopes to its policies")
            .ResolveAsync(async c =>
            {
                var portal = c.Portal();
                portal.RequireAdmin();
                var source = portal.Services.GetService<IGatewayConfigurationSource>()
                    ?? throw PortalExecutionError.NotConfigured("gateway configuration is not configured");
                return await source.GetAsync(portal.CancellationToken);
            });
    }
}
