namespace PortalGrains.IdentityProviders.Tests.Infrastructure;

/// <summary>
/// Tests that share one <see cref="DevIdentityProviderFixture"/>. Tests in it run one after another, which the
/// dev IdP's global fault injection needs; each test still uses fresh application ids and clients.
/// </summary>
[CollectionDefinition(Name)]
public sealed class DevIdentityProviderCollection : ICollectionFixture<DevIdentityProviderFixture>
{
    public const string Name = "dev IdP";
}
