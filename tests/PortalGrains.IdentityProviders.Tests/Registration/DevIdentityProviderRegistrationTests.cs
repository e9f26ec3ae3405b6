using Duende.IdentityModel.Client;
using Microsoft.IdentityModel.JsonWebTokens;
using PortalGrains.IdentityProviders.Errors;
using PortalGrains.IdentityProviders.InitialAccess;
using PortalGrains.IdentityProviders.Registration;
using PortalGrains.IdentityProviders.Tests.Infrastructure;

namespace PortalGrains.IdentityProviders.Tests.Registration;

/// <summary>The default RFC 7591/7592 driver against the real dev IdP (oidc-provider).</summary>
[Collection(DevIdentityProviderCollection.Name)]
public sealed class DevIdentityProviderRegistrationTests(DevIdentityProviderFixture idp)
{
    private readonly Rfc7591ClientRegistrationDriver driver = new(new InitialAccessTokenProvider());

    [Fact]
    public async Task Registered_client_gets_a_token_with_its_scopes()
    {
        var request = TestRequests.ClientCredentials("a", "b");

        var client = await driver.RegisterAsync(idp.Connection(), request);

        Assert.False(string.IsNullOrEmpty(client.ClientId));
        Assert.False(string.IsNullOrEmpty(client.ClientSecret));
        Assert.False(string.IsNullOrEmpty(client.RegistrationAccessToken));
        Assert.NotNull(client.RegistrationClientUri);
        Assert.Null(client.ClientSecretExpiresAt); // the dev IdP answers 0: never expires
        Assert.NotNull(client.ClientIdIssuedAt);
        Assert.Equal(["a", "b"], client.Metadata.Scopes.Order());
        Assert.Equal($"Orders reporting [portal:{request.PortalApplicationId}]", client.Metadata.ClientName);
        Assert.Equal(PortalClientTag.SoftwareId(request.PortalApplicationId), client.Metadata.SoftwareId);
        Assert.Equal(request.PortalApplicationId, PortalClientTag.ApplicationIdFromClientName(client.Metadata.ClientName));

        var token = await idp.RequestClientCredentialsTokenAsync(client.ClientId, client.ClientSecret!, "a b");
        Assert.False(token.IsError, token.Error);
        var jwt = new JsonWebToken(token.AccessToken);
        Assert.Equal(["a", "b"], jwt.GetClaim("scope").Value.Split(' ').Order());
        Assert.Equal(client.ClientId, jwt.GetClaim("client_id").Value);

        var held = Assert.Single(await idp.ListClientsAsync(softwareId: PortalClientTag.SoftwareId(request.PortalApplicationId)));
        Assert.Equal(client.ClientId, held.ClientId);
    }

    [Fact]
    public async Task Read_returns_what_the_identity_provider_holds()
    {
        var request = TestRequests.ClientCredentials("a", "b");
        var client = await driver.RegisterAsync(idp.Connection(), request);

        var read = await driver.ReadAsync(idp.Connection(), client);

        Assert.Equal(client.ClientId, read.ClientId);
        Assert.Equal(client.ClientSecret, read.ClientSecret);
        Assert.Equal(client.RegistrationClientUri, read.RegistrationClientUri);
        Assert.False(string.IsNullOrEmpty(read.RegistrationAccessToken));
        Assert.Equal(client.Metadata, read.Metadata);
    }

    [Fact]
    public async Task Update_replaces_the_scopes()
    {
        var request = TestRequests.ClientCredentials("a", "b");
        var client = await driver.RegisterAsync(idp.Connection(), request);

        var updated = await driver.UpdateAsync(
            idp.Connection(), client, request with { Metadata = request.Metadata with { Scopes = ["a", "c"] } });

        Assert.Equal(client.ClientId, updated.ClientId);
        Assert.Equal(["a", "c"], updated.Metadata.Scopes.Order());
        Assert.Equal(client.ClientSecret, updated.ClientSecret);
        Assert.NotEqual(client.RegistrationAccessToken, updated.RegistrationAccessToken); // rotated on PUT
        Assert.Equal(PortalClientTag.SoftwareId(request.PortalApplicationId), updated.Metadata.SoftwareId);

        var granted = await idp.RequestClientCredentialsTokenAsync(updated.ClientId, updated.ClientSecret!, "c");
        Assert.False(granted.IsError, granted.Error);
        Assert.Equal("c", new JsonWebToken(granted.AccessToken).GetClaim("scope").Value);
        var revoked = await idp.RequestClientCredentialsTokenAsync(updated.ClientId, updated.ClientSecret!, "b");
        Assert.Equal("invalid_scope", revoked.OAuthError());
    }

    [Fact]
    public async Task Two_updates_in_a_row_use_the_rotated_registration_access_token()
    {
        var request = TestRequests.AuthorizationCode("https://orders.example/cb1", "a");
        var client = await driver.RegisterAsync(idp.Connection(), request);

        var first = await driver.UpdateAsync(
            idp.Connection(), client, request with { Metadata = request.Metadata with { RedirectUris = ["https://orders.example/cb2"] } });
        var second = await driver.UpdateAsync(
            idp.Connection(), first, request with { Metadata = request.Metadata with { RedirectUris = ["https://orders.example/cb3"] } });

        Assert.Equal(["https://orders.example/cb3"], second.Metadata.RedirectUris);
        Assert.NotEqual(first.RegistrationAccessToken, second.RegistrationAccessToken);
        var held = Assert.Single(await idp.ListClientsAsync(softwareId: PortalClientTag.SoftwareId(request.PortalApplicationId)));
        Assert.Equal(["https://orders.example/cb3"], held.RedirectUris);

        // the token the first update replaced no longer opens the client
        var stale = await Assert.ThrowsAsync<IdentityProviderException>(() => driver.UpdateAsync(idp.Connection(), client, request));
        Assert.Equal(IdentityProviderErrorKind.Permanent, stale.Kind);
        Assert.Equal(401, stale.HttpStatus);
        Assert.Equal(IdentityProviderMessages.RegistrationTokenRefused, stale.DeveloperMessage);
    }

    [Fact]
    public async Task Rotation_registers_a_replacement_and_the_old_secret_dies_with_the_old_client()
    {
        var request = TestRequests.ClientCredentials("a");
        var client = await driver.RegisterAsync(idp.Connection(), request);

        var rotation = await driver.RotateSecretAsync(idp.Connection(), client, request);

        Assert.Equal(RotationStrategy.ReplacementClient, rotation.Strategy);
        Assert.True(rotation.CallerMustDeletePreviousClient);
        Assert.Equal(client.ClientId, rotation.PreviousClient.ClientId);
        Assert.NotEqual(client.ClientId, rotation.Client.ClientId);
        Assert.NotEqual(client.ClientSecret, rotation.Client.ClientSecret);
        Assert.Equal(["a"], rotation.Client.Metadata.Scopes);
        var fresh = await idp.RequestClientCredentialsTokenAsync(rotation.Client.ClientId, rotation.Client.ClientSecret!, "a");
        Assert.False(fresh.IsError, fresh.Error);

        // the hand-over done, the caller deletes the previous client
        Assert.Equal(ClientDeletionOutcome.Deleted, await driver.DeleteAsync(idp.Connection(), rotation.PreviousClient));
        var old = await idp.RequestClientCredentialsTokenAsync(client.ClientId, client.ClientSecret!, "a");
        Assert.Equal("invalid_client", old.OAuthError());
        var stillFresh = await idp.RequestClientCredentialsTokenAsync(rotation.Client.ClientId, rotation.Client.ClientSecret!, "a");
        Assert.False(stillFresh.IsError, stillFresh.Error);
    }

    [Fact]
    public async Task Delete_removes_the_client_and_a_repeated_delete_finds_it_gone()
    {
        var request = TestRequests.ClientCredentials("a");
        var client = await driver.RegisterAsync(idp.Connection(), request);

        Assert.Equal(ClientDeletionOutcome.Deleted, await driver.DeleteAsync(idp.Connection(), client));

        var token = await idp.RequestClientCredentialsTokenAsync(client.ClientId, client.ClientSecret!, "a");
        Assert.Equal("invalid_client", token.OAuthError());
        Assert.Empty(await idp.ListClientsAsync(softwareId: PortalClientTag.SoftwareId(request.PortalApplicationId)));
        Assert.Equal(ClientDeletionOutcome.AlreadyGone, await driver.DeleteAsync(idp.Connection(), client));
    }

    [Fact]
    public async Task Delete_with_a_lost_registration_token_of_a_living_client_is_not_taken_for_gone()
    {
        var request = TestRequests.ClientCredentials("a");
        var client = await driver.RegisterAsync(idp.Connection(), request);
        var updated = await driver.UpdateAsync(idp.Connection(), client, request); // rotates the registration token

        var error = await Assert.ThrowsAsync<IdentityProviderException>(() => driver.DeleteAsync(idp.Connection(), client));

        Assert.Equal(IdentityProviderErrorKind.Permanent, error.Kind);
        Assert.Equal(IdentityProviderMessages.ClientStillExists, error.DeveloperMessage);
        Assert.Single(await idp.ListClientsAsync(softwareId: PortalClientTag.SoftwareId(request.PortalApplicationId)));
        Assert.Equal(ClientDeletionOutcome.Deleted, await driver.DeleteAsync(idp.Connection(), updated));
    }

    [Fact]
    public async Task Wrong_initial_access_token_is_permanent_and_never_shown()
    {
        var wrongToken = "wrong-initial-token-" + Guid.NewGuid().ToString("N");
        var request = TestRequests.ClientCredentials("a");

        var error = await Assert.ThrowsAsync<IdentityProviderException>(
            () => driver.RegisterAsync(idp.Connection(new StaticInitialAccessToken(wrongToken)), request));

        Assert.Equal(IdentityProviderErrorKind.Permanent, error.Kind);
        Assert.Equal(IdentityProviderOperation.Register, error.Operation);
        Assert.Equal(401, error.HttpStatus);
        Assert.Equal("invalid_token", error.Error);
        Assert.Equal(IdentityProviderMessages.CredentialsRefused, error.DeveloperMessage);
        Assert.DoesNotContain(wrongToken, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongToken, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(wrongToken, error.AdminDetail, StringComparison.Ordinal);
        Assert.Empty(await idp.ListClientsAsync(softwareId: PortalClientTag.SoftwareId(request.PortalApplicationId)));
    }

    [Fact]
    public async Task Invalid_redirect_uri_is_permanent_with_the_identity_providers_error_code()
    {
        var request = TestRequests.AuthorizationCode("https://orders.example/cb#fragment", "a");

        var error = await Assert.ThrowsAsync<IdentityProviderException>(() => driver.RegisterAsync(idp.Connection(), request));

        Assert.Equal(IdentityProviderErrorKind.Permanent, error.Kind);
        Assert.Equal(400, error.HttpStatus);
        Assert.Equal("invalid_redirect_uri", error.Error);
        Assert.Equal(IdentityProviderMessages.InvalidRedirectUri, error.DeveloperMessage);
        Assert.Contains("invalid_redirect_uri", error.AdminDetail, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(error.ErrorDescription));
    }

    [Fact]
    public async Task Registration_refused_with_503_is_transient_with_its_retry_after_and_creates_nothing()
    {
        var request = TestRequests.ClientCredentials("a");
        await idp.InjectRegistrationFaultAsync(status: 503, retryAfterSeconds: 7);
        try
        {
            var error = await Assert.ThrowsAsync<IdentityProviderException>(() => driver.RegisterAsync(idp.Connection(), request));

            Assert.Equal(IdentityProviderErrorKind.Transient, error.Kind);
            Assert.Equal(503, error.HttpStatus);
            Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
            Assert.Empty(await idp.ListClientsAsync(softwareId: PortalClientTag.SoftwareId(request.PortalApplicationId)));
        }
        finally
        {
            await idp.ClearFaultsAsync();
        }

        // the retry the classification allows succeeds
        var client = await driver.RegisterAsync(idp.Connection(), request);
        Assert.Single(await idp.ListClientsAsync(softwareId: PortalClientTag.SoftwareId(request.PortalApplicationId)));
        await driver.DeleteAsync(idp.Connection(), client);
    }

    [Fact]
    public async Task Registration_whose_answer_is_lost_is_uncertain_because_the_client_exists()
    {
        var request = TestRequests.ClientCredentials("a");
        await idp.InjectRegistrationFaultAsync(dropResponse: true);
        try
        {
            var error = await Assert.ThrowsAsync<IdentityProviderException>(() => driver.RegisterAsync(idp.Connection(), request));

            Assert.Equal(IdentityProviderErrorKind.Uncertain, error.Kind);
            Assert.Null(error.HttpStatus);
            Assert.Equal(IdentityProviderMessages.Unconfirmed, error.DeveloperMessage);
        }
        finally
        {
            await idp.ClearFaultsAsync();
        }

        // the identity provider acted: the tag finds the client a blind retry would have duplicated
        var orphan = Assert.Single(await idp.ListClientsAsync(softwareId: PortalClientTag.SoftwareId(request.PortalApplicationId)));
        Assert.Equal(request.PortalApplicationId, PortalClientTag.ApplicationIdFromClientName(orphan.ClientName));
    }
}
