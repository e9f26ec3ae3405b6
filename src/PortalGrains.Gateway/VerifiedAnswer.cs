using PortalGrains.Abstractions.Gateway;

namespace PortalGrains.Gateway;

/// <summary>
/// An answer for a verified token, reusable while the catalogue stays at <paramref name="CatalogVersion"/> and until
/// <paramref name="RecheckApplicationAt"/>, when its client's application is looked up again (the client may have
/// been deleted since, or registered).
/// </summary>
internal sealed record VerifiedAnswer(TokenVerificationResult Result, long CatalogVersion, DateTimeOffset RecheckApplicationAt);
