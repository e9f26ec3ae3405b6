using System.Collections.Concurrent;
using PortalGrains.IntegrationTests.Gateway;
using PortalGrains.IntegrationTests.Infrastructure;
using PortalGrains.Testing;

namespace PortalGrains.IntegrationTests.Security;

/// <summary>
/// The data every row of the authorization matrix runs against, built once per host: a provider, products and a
/// plan; developer A's application with an ACTIVE request, the client's access token, and, for the rows that change
/// something, one target of A per such row so that no row disturbs another. Developer B and an admin sign in too.
/// </summary>
public sealed class AuthorizationWorld
{
    private static readonly ConcurrentDictionary<PortalHost, Lazy<Task<AuthorizationWorld>>> Worlds = new();

    private AuthorizationWorld(PortalScenario portal) => Portal = portal;

    public PortalScenario Portal { get; }

    public string OwnerToken { get; private set; } = "";

    public string OtherToken { get; private set; } = "";

    public string AdminToken { get; private set; } = "";

    public string OwnerId { get; private set; } = "";

    public string OtherId { get; private set; } = "";

    public string AdminId { get; private set; } = "";

    public string ProviderId => Portal.ProviderId;

    public string ProductId { get; private set; } = "";

    public string PlanId { get; private set; } = "";

    /// <summary>A product that is not published: admins only see it.</summary>
    public string UnpublishedProductId { get; private set; } = "";

    /// <summary>A's application, holding a client at the provider.</summary>
    public string ApplicationId { get; private set; } = "";

    /// <summary>A's ACTIVE request for <see cref="ProductId"/> on <see cref="ApplicationId"/>.</summary>
    public string RequestId { get; private set; } = "";

    public string ClientId { get; private set; } = "";

    /// <summary>A client_credentials access token of A's client, for verifyToken.</summary>
    public string ClientAccessToken { get; private set; } = "";

    /// <summary>PENDING requests of A (each on its own new application) that one row each may change.</summary>
    public string RevokedByOwner { get; private set; } = "";

    public string RevokedByAdmin { get; private set; } = "";

    public string RejectedByAdmin { get; private set; } = "";

    /// <summary>Applications of A that one row each deletes.</summary>
    public string DeletedByOwner { get; private set; } = "";

    public string DeletedByAdmin { get; private set; } = "";

    /// <summary>An application of A with a client at the provider, whose secret the rotation rows rotate (a rotation may replace the client).</summary>
    public string RotatedApplicationId { get; private set; } = "";

    /// <summary>A's team T and what the team rows act on (see <see cref="AuthorizationTeam"/>).</summary>
    public AuthorizationTeam Team { get; private set; } = null!;

    public string TokenOf(MatrixCaller caller) => caller switch
    {
        MatrixCaller.Anonymous => throw new InvalidOperationException("An anonymous caller has no token."),
        MatrixCaller.Owner => OwnerToken,
        MatrixCaller.Other => OtherToken,
        MatrixCaller.Admin => AdminToken,
        MatrixCaller.TeamOwner => Team.OwnerToken,
        MatrixCaller.TeamMember => Team.MemberToken,
        MatrixCaller.FormerMember => Team.FormerMemberToken,
        _ => throw new ArgumentOutOfRangeException(nameof(caller)),
    };

    public static Task<AuthorizationWorld> ForAsync(PortalHost host) =>
        Worlds.GetOrAdd(host, h => new Lazy<Task<AuthorizationWorld>>(() => BuildAsync(h))).Value;

    private static async Task<AuthorizationWorld> BuildAsync(PortalHost host)
    {
        var idp = DevIdentityProvider.Shared;
        var world = new AuthorizationWorld(new PortalScenario(host, idp));
        var portal = world.Portal;
        world.AdminToken = await portal.AdminTokenAsync();
        world.OwnerToken = await portal.DeveloperTokenAsync("ada");
        world.OtherToken = await portal.DeveloperTokenAsync("bob");
        world.OwnerId = await ViewerIdAsync(portal, world.OwnerToken);
        world.OtherId = await ViewerIdAsync(portal, world.OtherToken);
        world.AdminId = await ViewerIdAsync(portal, world.AdminToken);

        await portal.CreateProviderAsync(world.AdminToken);
        world.ProductId = await portal.CreateProductAsync(world.AdminToken, "matrix", "matrix.read");
        world.PlanId = await portal.CreatePlanAsync(world.AdminToken, "matrix", autoApprove: false, "plan.matrix");
        world.UnpublishedProductId = (await portal.GraphQL.SendAsync(
            "mutation($input: UpsertProductInput!) { upsertProduct(input: $input) { product { id } errors { code message } } }",
            new
            {
                input = new
                {
                    name = "Matrix draft", published = false, dcrEnabled = true, providerId = world.ProviderId,
                    scopes = new[] { portal.Scope("matrix.draft") }, clientTypeIds = new[] { PortalScenario.M2mClientType },
                },
            },
            world.AdminToken)).Payload("upsertProduct").GetProperty("product").GetProperty("id").GetString()!;

        (world.RequestId, world.ApplicationId) = await portal.CheckoutAsync(world.OwnerToken, world.ProductId, world.PlanId);
        var approved = await portal.ApproveAsync(world.AdminToken, world.RequestId);
        Assert.True(approved.GetProperty("status").GetString() == "ACTIVE", "approval: " + approved);
        var credentials = Assert.Single((await portal.CredentialsAsync(world.OwnerToken, world.ApplicationId)).GetProperty("credentials").EnumerateArray());
        world.ClientId = credentials.GetProperty("clientId").GetString()!;
        var secret = credentials.GetProperty("clientSecret").GetString()!;
        var (status, token) = await idp.ClientCredentialsAsync(world.ClientId, secret, portal.Scope("matrix.read"));
        Assert.True(status == 200, $"token request: {status} {token}");
        world.ClientAccessToken = token.GetProperty("access_token").GetString()!;

        // verifyToken learns a new provider's issuer within a refresh interval: wait until the owner's answer names the app.
        var flow = new GatewayFlow(portal, idp);
        var verdict = await flow.VerifyOnceIssuerKnownAsync(world.ClientAccessToken, world.OwnerToken);
        Assert.True(verdict.GetProperty("applicationId").GetString() == world.ApplicationId, "verifyToken as the owner: " + verdict);

        (world.RevokedByOwner, _) = await portal.CheckoutAsync(world.OwnerToken, world.ProductId, world.PlanId);
        (world.RevokedByAdmin, _) = await portal.CheckoutAsync(world.OwnerToken, world.ProductId, world.PlanId);
        (world.RejectedByAdmin, _) = await portal.CheckoutAsync(world.OwnerToken, world.ProductId, world.PlanId);
        (_, world.DeletedByOwner) = await portal.CheckoutAsync(world.OwnerToken, world.ProductId, world.PlanId);
        (_, world.DeletedByAdmin) = await portal.CheckoutAsync(world.OwnerToken, world.ProductId, world.PlanId);
        var (rotatedRequest, rotatedApplication) = await portal.CheckoutAsync(world.OwnerToken, world.ProductId, world.PlanId);
        var rotatedApproval = await portal.ApproveAsync(world.AdminToken, rotatedRequest);
        Assert.True(rotatedApproval.GetProperty("status").GetString() == "ACTIVE", "approval: " + rotatedApproval);
        world.RotatedApplicationId = rotatedApplication;
        world.Team = await AuthorizationTeam.BuildAsync(world);
        return world;
    }

    internal static async Task<string> ViewerIdAsync(PortalScenario portal, string token) =>
        (await portal.GraphQL.SendAsync("{ viewer { id } }", token: token)).At("viewer.id").GetString()!;
}
