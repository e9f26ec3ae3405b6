namespace PortalGrains.IdentityProviders.Registration;

/// <summary>Why client metadata cannot be registered at an identity provider, found before calling it.</summary>
/// <param name="Code">A stable code from <see cref="ClientMetadataErrorCodes"/>.</param>
/// <param name="Field">The metadata field, as named in RFC 7591 (e.g. "redirect_uris[0]", "grant_types").</param>
/// <param name="Message">A sentence for the admin.</param>
public sealed record ClientMetadataValidationError(string Code, string Field, string Message);
