using PortalGrains.Abstractions.Applications;
using PortalGrains.Abstractions.Providers;

namespace PortalGrains.Grains.Applications;

/// <summary>What the application wants at one provider: its grants there, redirect URIs and keys, or nothing once deleted.</summary>
public sealed record DesiredProviderState(
    ProviderView Provider,
    IReadOnlyList<GrantRecord> Grants,
    IReadOnlyList<string> RedirectUris,
    ClientKeys Keys,
    bool ApplicationDeleted);
