using PortalGrains.Abstractions.Gateway;

namespace PortalGrains.Grains.Gateway;

/// <summary>
/// An answer for a verified token, reusable while the catalogue stays at <paramref name="CatalogVersion"/> and, when
/// no application was found, until <paramref name="RecheckApplicationAt"/>.
/// </summary>
internal sealed record VerifiedAnswer(TokenVerificationResult Result, long CatalogVersion, DateTimeOffset RecheckApplicationAt);
