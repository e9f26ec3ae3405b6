using GraphQL.Types;
using PortalGrains.Abstractions.Applications;
using PortalGrains.GraphQL.Execution;
using PortalGrains.GraphQL.Schema.Scalars;

namespace PortalGrains.GraphQL.Schema.Types;

/// <summary>An application; only those who may see it (owner, team members, admins) ever reach one (every field that leads here checks).</summary>
public sealed class ApplicationType : ObjectGraphType<ApplicationView>
{
    public ApplicationType()
    {
        Name = "Application";
        Description = "a developer's application and the OAuth clients registered for it";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<StringGraphType>("description").Resolve(c => c.Source.Description);
        Field<NonNullGraphType<IdGraphType>>("ownerId").Resolve(c => c.Source.OwnerId);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("redirectUris").Resolve(c => c.Source.RedirectUris.OrEmpty());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OAuthCredentialsType>>>>("credentials")
            .Description("one entry per provider the application holds a registered client at; client secrets for the owner (a team's members) only")
            .ResolveAsync(async c =>
            {
                var portal = c.Portal();
                portal.RequireUser();
                var access = await portal.GetAccessAsync(c.Source);
                if (!access.See)
                {
                    return Array.Empty<OAuthCredentialsView>();
                }

                var credentials = await portal.Grains.GetGrain<IApplicationGrain>(c.Source.Id)
                    .GetCredentialsAsync(includeSecrets: access.ReadSecrets, portal.CancellationToken);
                return credentials.OrEmpty();
            });
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AccessRequestType>>>>("accessRequests")
            .ResolveAsync(async c => await c.Portal().GetVisibleAccessRequestsAsync(c.Source.AccessRequestIds.OrEmpty()));
        Field<NonNullGraphType<DateTimeScalarType>>("createdAt").Resolve(c => c.Source.CreatedAt);
        Field<StringGraphType>("jwksUri")
            .Description("for private_key_jwt clients: where the IdP fetches the application's public keys")
            .Resolve(c => c.Source.Keys?.JwksUri);
        Field<StringGraphType>("tlsClientAuthSubjectDn")
            .Description("for tls_client_auth clients: the subject DN of the application's client certificate (RFC 8705)")
            .Resolve(c => c.Source.Keys?.TlsClientAuthSubjectDn);
        Field<TeamType>("team")
            .Description("the team that owns it; null for a personal application")
            .ResolveAsync(async c => c.Source.TeamId is { } teamId ? await c.Portal().GetTeamAsync(teamId) : null);
        Field<ListGraphType<NonNullGraphType<IdentityProviderOperationType>>>("operations")
            .Description("admins only (null for others): the identity provider operations for this application, newest first")
            .ResolveAsync(async c =>
            {
                var portal = c.Portal();
                if (!portal.RequireUser().IsAdmin)
                {
                    return null;
                }

                return (await portal.Grains.GetGrain<IApplicationGrain>(c.Source.Id).GetOperationsAsync(portal.CancellationToken)).OrEmpty();
            });
        Field<NonNullGraphType<BooleanGraphType>>("deleted")
            .Description("true once the application was deleted (its clients are deleted at their identity providers)")
            .Resolve(c => c.Source.Deleted);
    }
}
