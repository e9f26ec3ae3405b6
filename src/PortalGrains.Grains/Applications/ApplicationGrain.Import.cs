using PortalGrains.Abstractions.Applications;
using PortalGrains.Abstractions.Common;
using PortalGrains.Abstractions.Providers;
using PortalGrains.Grains.Audit;
using PortalGrains.Grains.Persistence;
using PortalGrains.IdentityProviders.Discovery;
using PortalGrains.IdentityProviders.Errors;
using PortalGrains.IdentityProviders.Registration;

namespace PortalGrains.Grains.Applications;

/// <summary>
/// Importing a client that already exists at a provider: it is read there with the credentials given (RFC 7592) or
/// the provider's own (vendor APIs), stored like a registered client, and kept until the application's first approval
/// at that provider, which updates it with the portal's metadata instead of registering another client.
/// </summary>
partial class ApplicationGrain
{
    public async Task<CommandResult<ApplicationView>> ImportClientAsync(ClientImport import, Caller caller, CancellationToken cancellationToken = default)
    {
        if (!caller.IsAdmin)
        {
            return CommandResult<ApplicationView>.Failure(UserError.For(UserErrorCodes.Forbidden, "Only admins import clients."));
        }

        if (!S.Exists || S.Deleted)
        {
            return CommandResult<ApplicationView>.Failure(UserError.For(UserErrorCodes.NotFound, "No such application.", "input", "applicationId"));
        }

        if (ImportProblem(import) is { } problem)
        {
            return CommandResult<ApplicationView>.Failure(problem);
        }

        if (ClientAt(import.ProviderId) is not null || S.Grants.Values.Any(g => g.ProviderId == import.ProviderId))
        {
            return CommandResult<ApplicationView>.Failure(UserError.For(UserErrorCodes.Conflict,
                "The application already has a client (or an access request on its way) at this provider.", "input", "providerId"));
        }

        if (await GrainFactory.GetGrain<IProviderGrain>(import.ProviderId).GetConnectionAsync(cancellationToken) is not { } connection)
        {
            return CommandResult<ApplicationView>.Failure(UserError.For(UserErrorCodes.NotFound, "No such provider.", "input", "providerId"));
        }

        var ownership = OwnershipOf(import.ProviderId, import.ClientId);
        if (await ownership.GetApplicationIdAsync(cancellationToken) is { } owner && owner != Id)
        {
            return CommandResult<ApplicationView>.Failure(UserError.For(UserErrorCodes.InUse,
                "Another application holds this client.", "input", "clientId"));
        }

        _actor = caller.Id;
        var correlationId = Guid.NewGuid().ToString("N")[..12];
        RegisteredClient found;
        RegistrationEndpoints endpoints;
        try
        {
            using var idp = await connector.ConnectAsync(connection, cancellationToken);
            endpoints = idp.Endpoints;
            found = await connector.DriverFor(connection.Provider).ReadAsync(idp, Given(import), cancellationToken);
        }
        catch (Exception e) when (e is IdentityProviderException or IdentityProviderMetadataException)
        {
            var detail = e is IdentityProviderException idpError ? idpError.AdminDetail : e.Message;
            Record(IdentityProviderOperationKind.Import, import.ProviderId, import.ClientId, "failed", detail, correlationId);
            await PersistAsync(cancellationToken);
            return CommandResult<ApplicationView>.Failure(UserError.For(UserErrorCodes.ProviderRejected,
                $"The client could not be read at the identity provider: {detail}", "input", "clientId"));
        }

        var client = ObservedClient.From(found, clientTypeId: "", endpoints, secrets, clock.GetUtcNow());
        client.AwaitingFirstGrant = true;
        Link(import.ProviderId).Client = client;
        Record(IdentityProviderOperationKind.Import, import.ProviderId, found.ClientId, "succeeded", null, correlationId);
        await PersistAsync(cancellationToken);
        await ownership.SetApplicationIdAsync(Id, cancellationToken);
        await SyncSearchIndexAsync(cancellationToken);
        await audit.RecordAsync(caller.Id, "application.importClient", AuditSubjects.Application, Id, $"client {found.ClientId} at provider {import.ProviderId}", cancellationToken);
        ApplicationGrainLog.OperationSucceeded(logger, Id, IdentityProviderOperationKind.Import, import.ProviderId, found.ClientId, correlationId);
        return CommandResult<ApplicationView>.Success(View());
    }

    /// <summary>RFC 7592 management needs both the registration access token and the client URI, an absolute http(s) URL.</summary>
    private static UserError? ImportProblem(ClientImport import)
    {
        if (string.IsNullOrWhiteSpace(import.ClientId) || import.ClientId.Length > InputLimits.MaxShortTextLength)
        {
            return UserError.For(UserErrorCodes.Required, $"Give the client id (at most {InputLimits.MaxShortTextLength} characters).", "input", "clientId");
        }

        if ((import.RegistrationAccessToken is null) != (import.RegistrationClientUri is null))
        {
            return UserError.For(UserErrorCodes.Invalid,
                "Give the registration access token and the registration client URI together (RFC 7592), or neither.", "input", "registrationClientUri");
        }

        return import.RegistrationClientUri is { } uri
               && (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || (parsed.Scheme != Uri.UriSchemeHttps && parsed.Scheme != Uri.UriSchemeHttp))
            ? UserError.For(UserErrorCodes.InvalidUrl, "registrationClientUri must be an absolute http(s) URL.", "input", "registrationClientUri")
            : null;
    }

    private static RegisteredClient Given(ClientImport import) => new()
    {
        ClientId = import.ClientId,
        ClientSecret = import.ClientSecret,
        RegistrationAccessToken = import.RegistrationAccessToken,
        RegistrationClientUri = import.RegistrationClientUri is { } uri ? new Uri(uri) : null,
        Metadata = new ClientMetadata(),
    };
}
