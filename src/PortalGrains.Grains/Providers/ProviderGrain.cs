using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PortalGrains.Abstractions.Catalog;
using PortalGrains.Abstractions.Common;
using PortalGrains.Abstractions.Providers;
using PortalGrains.Gateway;
using PortalGrains.Grains.Audit;
using PortalGrains.Grains.Provisioning;
using PortalGrains.Grains.Security;
using PortalGrains.IdentityProviders.Discovery;
using PortalGrains.IdentityProviders.InitialAccess;
using PortalGrains.IdentityProviders.Registration;
using PortalGrains.IdentityProviders.Vendors;
using PortalGrains.Grains.Persistence;

namespace PortalGrains.Grains.Providers;

public sealed class ProviderGrain(
    [PersistentState("provider")] IPersistentState<ProviderState> state,
    ISecretProtector secrets,
    IdentityProviderConnector connector,
    ProviderSettingsValidator validator,
    InitialAccessTokenProvider initialAccessTokens,
    IOptions<ProviderValidationOptions> options,
    TimeProvider clock,
    AuditRecorder audit,
    ILogger<ProviderGrain> logger) : Grain, IProviderGrain
{
    private static readonly TimeSpan DiscoveryWait = TimeSpan.FromSeconds(10);

    private string Id => this.GetPrimaryKeyString();

    public async Task<ProviderView?> GetAsync(CancellationToken cancellationToken = default)
    {
        if (!state.State.Exists)
        {
            return null;
        }

        return await WithDiscoveryAsync(View(), cancellationToken);
    }

    public Task<ProviderConnectionSettings?> GetConnectionAsync(CancellationToken cancellationToken = default)
    {
        if (!state.State.Exists)
        {
            return Task.FromResult<ProviderConnectionSettings?>(null);
        }

        var s = state.State;
        return Task.FromResult<ProviderConnectionSettings?>(new ProviderConnectionSettings(
            View(), s.ProtectedInitialAccessToken, s.InitialAccessTokenClientId, s.ProtectedInitialAccessTokenClientSecret, s.InitialAccessTokenClientScope));
    }

    public async Task<CommandResult<ProviderView>> UpsertAsync(ProviderUpsert settings, Caller caller, CancellationToken cancellationToken = default)
    {
        if (!caller.IsAdmin)
        {
            return CommandResult<ProviderView>.Failure(UserError.For(UserErrorCodes.Forbidden, "Only admins manage providers."));
        }

        var errors = validator.Validate(settings, options.Value.AllowInsecureHttp);
        if (errors.Count == 0)
        {
            errors = ProviderSecretDestinations.Check(state.State, settings);
        }

        if (errors.Count > 0)
        {
            return CommandResult<ProviderView>.Failure(errors);
        }

        var s = state.State;
        var isNew = !s.Exists;
        s.Exists = true;
        s.Name = settings.Name.Trim();
        s.Kind = settings.Kind;
        s.WellKnownUrl = settings.WellKnownUrl;
        s.RegistrationEndpoint = settings.RegistrationEndpoint;
        s.SslInsecureSkipVerify = settings.SslInsecureSkipVerify;
        s.ClientTypes = [.. settings.ClientTypes];
        s.ApiApplicationId = settings.ApiApplicationId;
        // Secrets are write-only: leaving both out keeps the stored credentials; giving one replaces them.
        if (settings.InitialAccessToken is not null || settings.InitialAccessTokenClient is not null)
        {
            s.ProtectedInitialAccessToken = settings.InitialAccessToken is { } token ? secrets.Protect(token) : null;
            s.InitialAccessTokenClientId = settings.InitialAccessTokenClient?.ClientId;
            s.ProtectedInitialAccessTokenClientSecret = settings.InitialAccessTokenClient is { } client ? secrets.Protect(client.ClientSecret) : null;
            s.InitialAccessTokenClientScope = settings.InitialAccessTokenClient?.Scope;
        }

        s.Version++;
        s.UpdatedAt = clock.GetUtcNow();
        s.UpdatedBy = caller.Id;
        await state.WriteOrReloadAsync(this, cancellationToken);
        if (isNew)
        {
            await GrainFactory.GetGrain<IProviderDirectoryGrain>(IProviderDirectoryGrain.Key).AddAsync(Id, cancellationToken);
        }

        await audit.RecordAsync(caller.Id, "provider.upsert", AuditSubjects.Provider, Id, $"{s.Name} ({s.Kind}, {s.WellKnownUrl})", cancellationToken);
        ProviderGrainLog.Saved(logger, Id, caller.Id, s.Version, s.Kind.ToString());
        connector.Metadata.Invalidate(Id);
        return CommandResult<ProviderView>.Success(await WithDiscoveryAsync(View(), cancellationToken));
    }

    public async Task<CommandResult<string>> DeleteAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        if (!caller.IsAdmin)
        {
            return CommandResult<string>.Failure(UserError.For(UserErrorCodes.Forbidden, "Only admins manage providers."));
        }

        if (!state.State.Exists)
        {
            return CommandResult<string>.Failure(UserError.For(UserErrorCodes.NotFound, "No such provider.", "input", "id"));
        }

        if (await GrainFactory.GetGrain<ICatalogGrain>(ICatalogGrain.Key).IsProviderInUseAsync(Id, cancellationToken))
        {
            return CommandResult<string>.Failure(UserError.For(UserErrorCodes.InUse,
                "Products use this provider: move or delete them first.", "input", "id"));
        }

        await state.ClearStateAsync(cancellationToken);
        await GrainFactory.GetGrain<IProviderDirectoryGrain>(IProviderDirectoryGrain.Key).RemoveAsync(Id, cancellationToken);
        connector.Metadata.Invalidate(Id);
        await audit.RecordAsync(caller.Id, "provider.delete", AuditSubjects.Provider, Id, null, cancellationToken);
        ProviderGrainLog.Deleted(logger, Id, caller.Id);
        return CommandResult<string>.Success(Id);
    }

    public async Task<ImmutableArray<ConnectionCheckStep>> TestConnectionAsync(CancellationToken cancellationToken = default)
    {
        if (!state.State.Exists)
        {
            return [new ConnectionCheckStep("provider", false, "No such provider.")];
        }

        var steps = ImmutableArray.CreateBuilder<ConnectionCheckStep>();
        var view = View();
        var source = ProviderMetadataSources.MetadataSource(view);
        connector.Metadata.Invalidate(Id);
        ProviderDiscoveryDocument discovery;
        try
        {
            discovery = await connector.Metadata.GetDiscoveryAsync(source, cancellationToken);
            steps.Add(new("discovery", true, $"issuer {discovery.Issuer}"));
        }
        catch (IdentityProviderMetadataException e)
        {
            steps.Add(new("discovery", false, e.Message));
            return steps.ToImmutable();
        }

        try
        {
            var keys = await connector.Metadata.GetKeySetAsync(source, cancellationToken);
            steps.Add(new("jwks", true, $"{keys.SigningKeys.Count} signing key(s) from {discovery.JwksUri}"));
        }
        catch (IdentityProviderMetadataException e)
        {
            steps.Add(new("jwks", false, e.Message));
        }

        var registration = view.RegistrationEndpoint ?? discovery.RegistrationEndpoint?.ToString()
            ?? (view.Kind == ProviderKind.Entra ? EntraClientRegistrationDriver.DefaultGraphBase.AbsoluteUri : null);
        steps.Add(registration is null
            ? new("registrationEndpoint", view.Kind is ProviderKind.Okta or ProviderKind.Auth0 or ProviderKind.Keycloak,
                "The discovery document names no registration_endpoint and none is configured.")
            : new("registrationEndpoint", true, registration));

        steps.Add(await CheckInitialAccessTokenAsync(view, cancellationToken));
        if (connector.DriverFor(view) is IConnectionProbe probe)
        {
            steps.Add(await ProbeAsync(probe, cancellationToken));
        }

        return steps.ToImmutable();
    }

    private async Task<ConnectionCheckStep> CheckInitialAccessTokenAsync(ProviderView view, CancellationToken cancellationToken)
    {
        var connection = (await GetConnectionAsync(cancellationToken))!;
        try
        {
            using var idp = await connector.ConnectAsync(connection, cancellationToken);
            var credentials = idp.Credentials;
            if (credentials is ClientCredentialsGrant grant)
            {
                await initialAccessTokens.GetClientCredentialsTokenAsync(
                    idp.Http, grant, idp.Endpoints.TokenEndpoint, cancellationToken: cancellationToken);
                return new("initialAccessToken", true, $"obtained with client {grant.ClientId}");
            }

            if (credentials is EntraGraphClient entra)
            {
                await initialAccessTokens.GetClientCredentialsTokenAsync(
                    idp.Http, entra.TokenGrant(), idp.Endpoints.TokenEndpoint, cancellationToken: cancellationToken);
                return new("initialAccessToken", true, $"Microsoft Graph token obtained with client {entra.ClientId}");
            }

            return new("initialAccessToken", true, credentials switch
            {
                NoProviderCredentials => "none configured (open registration)",
                _ => "static token configured",
            });
        }
        catch (Exception e) when (e is IdentityProviders.Errors.IdentityProviderException or IdentityProviderMetadataException)
        {
            return new("initialAccessToken", false, e is IdentityProviders.Errors.IdentityProviderException idp ? idp.AdminDetail : e.Message);
        }
    }

    private async Task<ConnectionCheckStep> ProbeAsync(IConnectionProbe probe, CancellationToken cancellationToken)
    {
        var connection = (await GetConnectionAsync(cancellationToken))!;
        try
        {
            using var idp = await connector.ConnectAsync(connection, cancellationToken);
            return new(probe.ProbeName, true, await probe.ProbeAsync(idp, cancellationToken));
        }
        catch (Exception e) when (e is IdentityProviders.Errors.IdentityProviderException or IdentityProviderMetadataException)
        {
            return new(probe.ProbeName, false, e is IdentityProviders.Errors.IdentityProviderException idp ? idp.AdminDetail : e.Message);
        }
    }

    private async Task<ProviderView> WithDiscoveryAsync(ProviderView view, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(DiscoveryWait);
        try
        {
            var discovery = await connector.Metadata.GetDiscoveryAsync(ProviderMetadataSources.MetadataSource(view), wait.Token);
            var status = connector.Metadata.GetStatus(Id);
            return view with
            {
                Discovery = new ProviderDiscoveryView(
                    discovery.Issuer,
                    discovery.JwksUri?.ToString() ?? "",
                    discovery.TokenEndpoint?.ToString() ?? "",
                    discovery.RegistrationEndpoint?.ToString(),
                    discovery.FetchedAt),
                DiscoveryError = status?.LastError?.Message,
            };
        }
        catch (Exception e) when (e is IdentityProviderMetadataException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            var reason = e is OperationCanceledException ? "The identity provider did not answer in time." : e.Message;
            ProviderGrainLog.DiscoveryUnavailable(logger, Id, reason);
            return view with { Discovery = null, DiscoveryError = reason };
        }
    }

    private ProviderView View()
    {
        var s = state.State;
        return new ProviderView(
            Id, s.Name, s.Kind, s.WellKnownUrl, s.RegistrationEndpoint,
            HasInitialAccessToken: s.ProtectedInitialAccessToken is not null || s.ProtectedInitialAccessTokenClientSecret is not null,
            s.SslInsecureSkipVerify, [.. s.ClientTypes], Discovery: null, DiscoveryError: null, s.Version, s.UpdatedAt)
        {
            ApiApplicationId = s.ApiApplicationId,
        };
    }
}
