using System.Collections.Immutable;
using PortalGrains.Abstractions.Common;

namespace PortalGrains.Abstractions.Applications;

/// <summary>
/// A developer's application and the clients registered for it. The only caller of identity providers for its
/// clients: every command changes the desired state and reconciles it with the identity provider, one operation
/// at a time, journaled before and after each call.
/// </summary>
[Alias("PortalGrains.Applications.IApplicationGrain")]
public interface IApplicationGrain : IGrainWithStringKey
{
    [Alias("Create")]
    Task<ApplicationView> CreateAsync(ApplicationDraft draft, CancellationToken cancellationToken = default);

    [Alias("Get")]
    Task<ApplicationView?> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>The registered clients; secrets only when <paramref name="includeSecrets"/> (the owner).</summary>
    [Alias("GetCredentials")]
    Task<ImmutableArray<OAuthCredentialsView>> GetCredentialsAsync(bool includeSecrets, CancellationToken cancellationToken = default);

    /// <summary>Whether a new access request for this provider and client type fits the application, as a user error if not.</summary>
    [Alias("CheckGrant")]
    Task<UserError?> CheckGrantAsync(string providerId, string clientTypeId, CancellationToken cancellationToken = default);

    [Alias("AttachAccessRequest")]
    Task AttachAccessRequestAsync(
        string accessRequestId, ImmutableArray<string>? redirectUris, ClientKeys? keys = null, CancellationToken cancellationToken = default);

    /// <summary>Adds the grant to the desired state and makes one attempt to reach it; returns where it stands.</summary>
    [Alias("Grant")]
    Task<ProvisioningOutcome> GrantAsync(AccessGrant grant, CancellationToken cancellationToken = default);

    /// <summary>Removes the grant's scopes from the client (deleting the client when none remain).</summary>
    [Alias("RevokeGrant")]
    Task<ProvisioningOutcome> RevokeGrantAsync(string accessRequestId, string? actor = null, CancellationToken cancellationToken = default);

    [Alias("Update")]
    Task<CommandResult<ApplicationView>> UpdateAsync(ApplicationUpdate update, Caller caller, CancellationToken cancellationToken = default);

    [Alias("RotateSecret")]
    Task<CommandResult<ApplicationView>> RotateSecretAsync(string providerId, TimeSpan gracePeriod, Caller caller, CancellationToken cancellationToken = default);

    [Alias("Delete")]
    Task<CommandResult<string>> DeleteAsync(Caller caller, CancellationToken cancellationToken = default);

    /// <summary>Moves a personal application into a team of which the caller is an OWNER (or the caller is an admin).</summary>
    [Alias("Transfer")]
    Task<CommandResult<ApplicationView>> TransferAsync(string teamId, Caller caller, CancellationToken cancellationToken = default);

    /// <summary>
    /// Admin: the application adopts a client that exists at the provider (read there first); its first approval at that
    /// provider updates this client instead of registering one.
    /// </summary>
    [Alias("ImportClient")]
    Task<CommandResult<ApplicationView>> ImportClientAsync(ClientImport import, Caller caller, CancellationToken cancellationToken = default);

    /// <summary>The application's identity provider operations, newest first (the most recent ones are kept).</summary>
    [Alias("GetOperations")]
    Task<ImmutableArray<IdentityProviderOperationRecord>> GetOperationsAsync(CancellationToken cancellationToken = default);

    /// <summary>Resumes pending identity provider work (after a restart); does nothing when there is none.</summary>
    [Alias("Resume")]
    Task ResumeAsync(CancellationToken cancellationToken = default);
}
