using PortalGrains.Abstractions.Providers;
using PortalGrains.Grains.Provisioning;
using PortalGrains.IdentityProviders.Errors;
using PortalGrains.IdentityProviders.Registration;

namespace PortalGrains.Grains.Applications;

/// <summary>
/// Decides what a provider link needs next, given what the application wants there: the identity provider operation
/// to perform, and when work is due. It calls nothing; the application grain stores the link and calls the identity
/// provider.
/// </summary>
public sealed class ProviderReconciler(ProvisioningOptions options)
{
    /// <summary>
    /// The next operation, or null when the identity provider holds what is wanted. Brings the link's own bookkeeping
    /// in line first: an imported client takes the first grant's client type, replaced clients holding more than is
    /// granted lose their grace period, and a rotation request without a client is dropped.
    /// </summary>
    /// <param name="canSearch">The provider's driver can search for the application's clients (<see cref="ITaggedClientSearch"/>).</param>
    public ProviderStep? NextStep(DesiredProviderState desired, ProviderLink link, bool canSearch, DateTimeOffset now)
    {
        var grants = desired.Grants;
        var client = link.Client;
        if (client is { AwaitingFirstGrant: true } && grants.Count > 0)
        {
            // an imported client: the first grant decides its client type, and the update below brings it in line
            client.ClientTypeId = grants[0].ClientTypeId;
            client.AwaitingFirstGrant = false;
        }

        if (client is { NeedsRecovery: not null })
        {
            return ProviderStep.Recover;
        }

        // Replaced clients go before anything else: a revocation must not wait for the current client's update.
        EndGracePeriodsBeyondGrants(desired, link, now);
        if (link.Orphans.Any(o => o.DeleteAfter <= now))
        {
            return ProviderStep.DeleteOrphan;
        }

        if (grants.Count == 0 && client is { AwaitingFirstGrant: true } && !desired.ApplicationDeleted)
        {
            // an imported client is kept until an access request reaches it (or the application is deleted)
            return null;
        }

        if (grants.Count == 0 && client is not null)
        {
            return ProviderStep.Delete;
        }

        if (grants.Count > 0 && client is null)
        {
            return ProviderStep.Register;
        }

        if (client is not null && link.RotationRequest is not null)
        {
            return ProviderStep.Rotate;
        }

        if (client is not null && !Matches(desired.Provider.Kind, client, DesiredMetadata(desired, client.ClientTypeId)))
        {
            return ProviderStep.Update;
        }

        if (client is null)
        {
            link.RotationRequest = null;
        }

        // the current client (or none) is settled now: what else carries the application's tag is a leftover
        return canSearch && UnsettledSearchDue(link, now) ? ProviderStep.SearchUnsettledRegistrations : null;
    }

    /// <summary>When the link's next work is due (retries, clean-up, rotations of expiring secrets); null when there is none.</summary>
    /// <param name="hasGrants">The application has grants at the provider.</param>
    /// <param name="hasRemovedGrants">Grants at the provider were removed and their removal is not yet reported.</param>
    public DateTimeOffset? NextDueAt(ProviderLink link, bool hasGrants, bool hasRemovedGrants, DateTimeOffset now)
    {
        // A provider waiting for a retry is not tried before it, whatever else is due there.
        var waiting = link.Retry is not null;
        var dueTimes = new List<DateTimeOffset>();
        if (link.Retry is { } retry)
        {
            dueTimes.Add(retry.NextAttemptAt);
        }
        else
        {
            dueTimes.AddRange(link.Orphans.Select(o => o.DeleteAfter));
        }

        if (link.Client is { } client && SecretRotationDue(client) is { } rotationDue)
        {
            dueTimes.Add(rotationDue);
        }

        if (UnsettledSearchDueAt(link, hasGrants) is { } searchDue)
        {
            dueTimes.Add(searchDue);
        }

        if (link.Journal is not null || (!waiting && (hasRemovedGrants || link.RotationRequest is not null)))
        {
            dueTimes.Add(now);
        }

        return dueTimes.Count == 0 ? null : dueTimes.Min();
    }

    /// <summary>Whether background work should reconcile the provider now.</summary>
    public bool IsDue(ProviderLink link, bool hasGrants, bool hasRemovedGrants, DateTimeOffset now)
    {
        var waiting = link.Retry is not null;
        return link.Journal is not null
               || link.Retry?.NextAttemptAt <= now
               || (!waiting && (hasRemovedGrants || link.RotationRequest is not null || link.Orphans.Any(o => o.DeleteAfter <= now)))
               || UnsettledSearchDueAt(link, hasGrants) <= now;
    }

    /// <summary>When the client's secret is rotated ahead of its expiry; null when it does not expire.</summary>
    public DateTimeOffset? SecretRotationDue(ObservedClient client)
    {
        if (client.SecretExpiresAt is not { } expiresAt || client.ProtectedClientSecret is null)
        {
            return null;
        }

        var halfLife = (expiresAt - client.IssuedAt) / 2;
        var lead = halfLife < options.RotateSecretsBefore ? halfLife : options.RotateSecretsBefore;
        return expiresAt - lead;
    }

    /// <summary>
    /// When the search for clients left by unsettled registrations may run without a reconciliation of the provider's
    /// own; null when it may not (none to search for, stopped, a retry of the provider's work comes first, or a
    /// registration that gave up leaves no current client to tell the leftovers from).
    /// </summary>
    public DateTimeOffset? UnsettledSearchDueAt(ProviderLink link, bool hasGrants)
    {
        if (link.UnsettledRegistrations.Count == 0 || link.UnsettledSearchStopped || link.Retry is not null || (hasGrants && link.Client is null))
        {
            return null;
        }

        var settledAt = link.UnsettledRegistrations.Min(r => r.StartedAt) + options.UnsettledRegistrationSearchDelay;
        var retryAt = link.UnsettledSearchRetry?.NextAttemptAt ?? settledAt;
        return retryAt > settledAt ? retryAt : settledAt;
    }

    /// <summary>Whether the search is due now; asked once the provider's current client is settled.</summary>
    public bool UnsettledSearchDue(ProviderLink link, DateTimeOffset now) =>
        !link.UnsettledSearchStopped
        && (link.UnsettledSearchRetry is not { } retry || retry.NextAttemptAt <= now)
        && link.UnsettledRegistrations.Any(r => r.StartedAt + options.UnsettledRegistrationSearchDelay <= now);

    /// <summary>The unsettled registrations whose search is due (all of them when <paramref name="immediately"/>).</summary>
    public List<UnsettledRegistration> SettlingRegistrations(ProviderLink link, DateTimeOffset now, bool immediately) =>
        link.UnsettledRegistrations.Where(r => immediately || r.StartedAt + options.UnsettledRegistrationSearchDelay <= now).ToList();

    /// <summary>Past <see cref="ProvisioningOptions.MaxClientsInGracePeriod"/> replaced clients of the application, the oldest ones lose their grace period.</summary>
    public void EndGracePeriodsBeyondCap(IEnumerable<OrphanClient> orphans, DateTimeOffset now)
    {
        var inGrace = orphans.Where(o => o.DeleteAfter > now).OrderBy(o => o.ReplacedAt).ToList();
        foreach (var orphan in inGrace.Take(inGrace.Count - options.MaxClientsInGracePeriod))
        {
            orphan.DeleteAfter = now;
            orphan.Reason += $"; more than {options.MaxClientsInGracePeriod} replaced clients were in their grace period";
        }
    }

    /// <summary>The metadata the grants ask the identity provider for, for a client of this type.</summary>
    public ClientMetadata DesiredMetadata(DesiredProviderState desired, string clientTypeId)
    {
        var clientType = desired.Provider.FindClientType(clientTypeId) ?? throw new IdentityProviderException(
            IdentityProviderErrorKind.Permanent, IdentityProviderOperation.Register,
            "The provider no longer offers this client type.",
            $"Client type {clientTypeId} is not among the client types of provider {desired.Provider.Id}.");
        var scopes = desired.Grants.SelectMany(g => g.Scopes).Distinct(StringComparer.Ordinal);
        return ClientMetadataFactory.Create(clientType, scopes, desired.RedirectUris, desired.Keys);
    }

    /// <summary>Compares only what the portal decides; the identity provider may add or normalize other fields.</summary>
    public static bool Matches(ProviderKind kind, ObservedClient client, ClientMetadata desired) =>
        // Okta grants scopes through its authorization servers' access policies, not client metadata: it returns none.
        (kind == ProviderKind.Okta || SameSet(client.Metadata.Scopes, desired.Scopes))
        && SameSet(client.Metadata.RedirectUris, desired.RedirectUris)
        && SameSet(client.Metadata.GrantTypes, desired.GrantTypes)
        // what was sent, not what came back: an identity provider may drop or rewrite these in its answer
        && client.SentJwksUri == ClientKeyMetadata.JwksUri(desired)
        && client.SentTlsClientAuthSubjectDn == ClientKeyMetadata.TlsClientAuthSubjectDn(desired);

    /// <summary>
    /// A replaced client keeps its grace period only while it holds nothing the application is no longer granted at
    /// its provider (scopes, redirect URIs, grant types): after a revocation, a deletion or a narrowing change it is
    /// deleted at once, like the current client is updated at once.
    /// </summary>
    private void EndGracePeriodsBeyondGrants(DesiredProviderState desired, ProviderLink link, DateTimeOffset now)
    {
        // a previous secret of the current client grants what the client holds, which the update keeps to the grants
        foreach (var orphan in link.Orphans.Where(o => o.DeleteAfter > now && !o.SecretOnly))
        {
            if (HoldsMoreThanGranted(desired, orphan.Client))
            {
                orphan.DeleteAfter = now;
                orphan.Reason += "; it held access the application no longer has";
            }
        }
    }

    private bool HoldsMoreThanGranted(DesiredProviderState desired, ObservedClient client)
    {
        var grants = desired.Grants;
        if (grants.Count == 0 || grants.Any(g => g.ClientTypeId != client.ClientTypeId) || desired.Provider.FindClientType(client.ClientTypeId) is null)
        {
            return true;
        }

        var wanted = DesiredMetadata(desired, client.ClientTypeId);
        // Okta returns no scopes in client metadata (see Matches): its scopes follow the authorization server's policies.
        return (desired.Provider.Kind != ProviderKind.Okta && !client.Metadata.Scopes.ToHashSet(StringComparer.Ordinal).IsSubsetOf(wanted.Scopes))
            || !client.Metadata.RedirectUris.ToHashSet(StringComparer.Ordinal).IsSubsetOf(wanted.RedirectUris)
            || !client.Metadata.GrantTypes.ToHashSet(StringComparer.Ordinal).IsSubsetOf(wanted.GrantTypes);
    }

    private static bool SameSet(IEnumerable<string> left, IEnumerable<string> right) =>
        new HashSet<string>(left, StringComparer.Ordinal).SetEquals(right);
}
