namespace PortalGrains.IdentityProviders.Registration;

/// <summary>
/// What the portal wants registered for one of its applications. The drivers tag the client with
/// <see cref="PortalApplicationId"/> (see <see cref="PortalClientTag"/>), so that every client at an identity
/// provider can be traced back to the portal application that owns it.
/// </summary>
/// <param name="PortalApplicationId">The portal's application id.</param>
/// <param name="ApplicationName">The application's display name; the client name is derived from it.</param>
/// <param name="Metadata">The desired metadata; <see cref="ClientMetadata.ClientName"/>, when set, replaces the application name.</param>
public sealed record ClientRegistrationRequest(string PortalApplicationId, string ApplicationName, ClientMetadata Metadata)
{
    /// <summary>The application's description, for identity providers that keep one (the HTTP bridge's application_description).</summary>
    public string? ApplicationDescription { get; init; }

    /// <summary>The portal developer who owns the application, for identity providers that keep it (the HTTP bridge's developer_id).</summary>
    public string? DeveloperId { get; init; }
}
