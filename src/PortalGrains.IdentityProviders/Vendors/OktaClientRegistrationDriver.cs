using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using PortalGrains.IdentityProviders.Errors;
using PortalGrains.IdentityProviders.Http;
using PortalGrains.IdentityProviders.InitialAccess;
using PortalGrains.IdentityProviders.Registration;

namespace PortalGrains.IdentityProviders.Vendors;

/// <summary>
/// Okta's Dynamic Client Registration API (developer.okta.com/docs/reference/api/oauth-clients), which "largely
/// follows RFC 7591" but:
/// <list type="bullet">
/// <item>lives at the org level, {org}/oauth2/v1/clients, also for custom authorization servers;</item>
/// <item>is authorized with an API token, <c>Authorization: SSWS {token}</c> (or an OAuth token with the
/// okta.clients.manage scope, sent as Bearer);</item>
/// <item>has no registration access token: read, update and delete are at /oauth2/v1/clients/{clientId} with the
/// same authorization, and an update is idempotent;</item>
/// <item>needs <c>application_type</c> (web, native, browser, service); a service app uses client_credentials with
/// response_types ["token"];</item>
/// <item>keeps neither scope nor software_id: scopes of a custom authorization server are granted by its access
/// policies, not by client metadata;</item>
/// <item>requires client_name to be unique in the org (the portal tag makes it so);</item>
/// <item>rotates secrets with POST /oauth2/v1/clients/{clientId}/lifecycle/newSecret, which returns the client with
/// its new secret;</item>
/// <item>answers 404, or 401 invalid_client, for a client it does not know;</item>
/// <item>lists clients with GET /oauth2/v1/clients?q={name}&amp;limit={1..200}, q matching the start of client_name,
/// further pages linked by the Link header (rel="next", with an opaque after cursor).</item>
/// </list>
/// </summary>
public sealed class OktaClientRegistrationDriver(
    InitialAccessTokenProvider tokens, TimeProvider? timeProvider = null, ILogger? logger = null)
    : Rfc7591ClientRegistrationDriver(tokens, timeProvider, logger), ITaggedClientSearch
{
    public const string ClientsPath = "/oauth2/v1/clients";
    public const string ApiTokenScheme = "SSWS";

    /// <summary>The largest page Okta's client listing serves (its limit parameter is 1 to 200).</summary>
    public const int ListPageSize = 200;

    /// <summary>Pages read at most in one search, so that a Link header that never ends cannot keep the portal busy.</summary>
    public const int MaxListPages = 50;

    public override IdentityProviderKind Kind => IdentityProviderKind.Okta;

    private protected override bool KeepsSoftwareId => false;

    private protected override bool UpdateRotatesCredentials => false;

    private protected override bool ManagesThroughRegistrationClientUri => false;

    private protected override Uri ResolveRegistrationEndpoint(RegistrationEndpoints endpoints) =>
        endpoints.RegistrationEndpoint ?? new Uri(new Uri(endpoints.Issuer.GetLeftPart(UriPartial.Authority)), ClientsPath);

    private protected override async ValueTask<AuthenticationHeaderValue?> GetRegistrationAuthorizationAsync(
        IdentityProviderConnection provider, CancellationToken cancellationToken) =>
        provider.Credentials is OktaApiToken apiToken
            ? new AuthenticationHeaderValue(ApiTokenScheme, apiToken.ApiToken)
            : await base.GetRegistrationAuthorizationAsync(provider, cancellationToken).ConfigureAwait(false);

    private protected override Uri ResolveClientUri(
        IdentityProviderConnection provider, RegisteredClient client, IdentityProviderOperation operation) =>
        ClientUri(provider, client.ClientId);

    private protected override ValueTask<AuthenticationHeaderValue> GetManagementAuthorizationAsync(
        IdentityProviderConnection provider,
        RegisteredClient client,
        IdentityProviderOperation operation,
        CancellationToken cancellationToken) =>
        GetApiAuthorizationAsync(provider, operation, cancellationToken);

    private static bool SameOrigin(Uri left, Uri right) =>
        Uri.Compare(left, right, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;

    /// <summary>The authorization of every call to the org's client API (the registration one included).</summary>
    private async ValueTask<AuthenticationHeaderValue> GetApiAuthorizationAsync(
        IdentityProviderConnection provider, IdentityProviderOperation operation, CancellationToken cancellationToken) =>
        await GetRegistrationAuthorizationAsync(provider, cancellationToken).ConfigureAwait(false)
        ?? throw new IdentityProviderException(
            IdentityProviderErrorKind.Permanent,
            operation,
            IdentityProviderMessages.CredentialsRefused,
            "Okta's client API needs an API token (SSWS) or an okta.clients.manage access token; none is configured.");

    public async Task<IReadOnlyList<TaggedClient>> FindClientsOfApplicationAsync(
        IdentityProviderConnection provider, string applicationId, string clientName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentException.ThrowIfNullOrEmpty(applicationId);
        ArgumentException.ThrowIfNullOrEmpty(clientName);
        const IdentityProviderOperation operation = IdentityProviderOperation.Read;
        var clients = ResolveRegistrationEndpoint(provider.Endpoints);
        var authorization = await GetApiAuthorizationAsync(provider, operation, cancellationToken).ConfigureAwait(false);
        var scrubber = Scrubber(provider, authorization);
        var found = new List<TaggedClient>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var page = new Uri($"{clients.AbsoluteUri}?q={Uri.EscapeDataString(clientName)}&limit={ListPageSize}");
        for (var pages = 0; page is not null; pages++)
        {
            if (pages == MaxListPages || !seen.Add(page.AbsoluteUri))
            {
                throw new IdentityProviderException(
                    IdentityProviderErrorKind.Permanent, operation, IdentityProviderMessages.InvalidResponse,
                    $"GET {clients.GetLeftPart(UriPartial.Path)} linked more than {MaxListPages} pages of clients named \"{clientName}\", or the same page twice.");
            }

            // a listing changes nothing at the identity provider: a lost answer is Transient, never Uncertain
            var response = await Calls.SendAsync(
                provider.Http, HttpMethod.Get, page, authorization, body: null, operation, mayHaveActed: false, scrubber,
                cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccess)
            {
                throw Fail(response, operation, mayHaveActed: false, scrubber);
            }

            if (response.Json is not { ValueKind: JsonValueKind.Array } items)
            {
                throw IdentityProviderHttp.InvalidResponse(
                    response, operation, "the answer is not a list of clients", mayHaveActed: false, scrubber);
            }

            foreach (var item in items.EnumerateArray())
            {
                var name = ClientJson.String(item, "client_name");
                // q is a prefix match ("an implementation detail and may change"): only the tag decides
                if (ClientJson.String(item, "client_id") is { Length: > 0 } clientId
                    && string.Equals(PortalClientTag.ApplicationIdFromClientName(name), applicationId, StringComparison.Ordinal))
                {
                    found.Add(new TaggedClient(clientId, name));
                }
            }

            page = response.NextPage;
            if (page is not null && !SameOrigin(page, clients))
            {
                // the API token must not be sent anywhere but the org
                throw IdentityProviderHttp.InvalidResponse(
                    response, operation, $"its next page link leaves the org ({page.GetLeftPart(UriPartial.Authority)})", mayHaveActed: false, scrubber);
            }
        }

        return found.DistinctBy(client => client.ClientId, StringComparer.Ordinal).ToArray();
    }

    private protected override JsonObject BuildRegistrationDocument(ClientRegistrationRequest request)
    {
        var metadata = request.Metadata;
        var applicationType = metadata.ApplicationType ?? DefaultApplicationType(metadata);
        if (applicationType == "service" && metadata.ResponseTypes.Count == 0)
        {
            // a service app (client_credentials) is registered with response_types ["token"] in Okta's examples
            metadata = metadata with { ResponseTypes = ["token"] };
        }

        var document = ClientJson.ToDocument(
            metadata with { ApplicationType = applicationType },
            PortalClientTag.ClientName(request),
            softwareId: null,
            includeScope: false);
        if (metadata.RequirePkce)
        {
            // Okta's own client setting (OAuth Clients API): PKCE is required for this client
            document["pkce_required"] = true;
        }

        return document;
    }

    private protected override ValueTask<ClientDeletionOutcome?> InterpretFailedDeleteAsync(
        IdentityProviderConnection provider,
        RegisteredClient client,
        IdentityProviderResponse response,
        SecretScrubber scrubber,
        CancellationToken cancellationToken)
    {
        var (error, _) = IdentityProviderErrors.ReadError(response.Json);
        ClientDeletionOutcome? outcome = response.Status == 404 || (response.Status == 401 && error == "invalid_client")
            ? ClientDeletionOutcome.AlreadyGone
            : null;
        return ValueTask.FromResult(outcome);
    }

    private protected override async Task<RotationResult> RotateSecretCoreAsync(
        IdentityProviderConnection provider,
        RegisteredClient client,
        ClientRegistrationRequest request,
        CancellationToken cancellationToken)
    {
        var uri = new Uri(ClientUri(provider, client.ClientId).AbsoluteUri + "/lifecycle/newSecret");
        var authorization = await GetManagementAuthorizationAsync(
            provider, client, IdentityProviderOperation.RotateSecret, cancellationToken).ConfigureAwait(false);
        var scrubber = Scrubber(provider, authorization, client);

        // the old secret stops working once Okta answers: an answer that is lost leaves the portal without a secret
        var response = await Calls.SendAsync(
            provider.Http, HttpMethod.Post, uri, authorization, body: null, IdentityProviderOperation.RotateSecret,
            mayHaveActed: true, scrubber, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            throw Fail(response, IdentityProviderOperation.RotateSecret, mayHaveActed: true, scrubber);
        }

        var rotated = ReadClient(response, client, IdentityProviderOperation.RotateSecret, mayHaveActed: true, scrubber);
        return new RotationResult(rotated, RotationStrategy.InPlace, rotated);
    }

    private Uri ClientUri(IdentityProviderConnection provider, string clientId)
    {
        var clients = ResolveRegistrationEndpoint(provider.Endpoints).AbsoluteUri.TrimEnd('/');
        return new Uri($"{clients}/{Uri.EscapeDataString(clientId)}");
    }

    /// <summary>Okta's application type from the grant types (developer.okta.com/docs/reference/api/oauth-clients, "Application Type").</summary>
    private static string DefaultApplicationType(ClientMetadata metadata)
    {
        var grants = metadata.GrantTypes;
        if (grants.Count > 0 && grants.All(grant => grant == "client_credentials"))
        {
            return "service";
        }

        return metadata.TokenEndpointAuthMethod == "none" ? "browser" : "web";
    }
}
