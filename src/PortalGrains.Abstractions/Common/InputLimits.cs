namespace PortalGrains.Abstractions.Common;

/// <summary>
/// The size limits of input. The GraphQL layer checks them before any grain call and the grains check them again,
/// both from these constants, so a value one layer accepts the other accepts too. Lengths are in UTF-16 characters.
/// </summary>
public static class InputLimits
{
    /// <summary>An id (also a grain key): a mutation's ids, query id arguments, catalogue ids an admin chooses.</summary>
    public const int MaxIdLength = 128;

    /// <summary>A display name: applications, products, plans, providers, client types, developer profiles.</summary>
    public const int MaxNameLength = 200;

    /// <summary>A free-text description of an application, product, plan or client type.</summary>
    public const int MaxDescriptionLength = 2000;

    /// <summary>A gateway policy id of a product or plan.</summary>
    public const int MaxPolicyIdLength = 200;

    /// <summary>A URL: redirect URIs, a provider's well-known URL and registration endpoint.</summary>
    public const int MaxUrlLength = 2000;

    /// <summary>Redirect URIs of one application (or one checkout).</summary>
    public const int MaxRedirectUris = 20;

    /// <summary>Scopes of one product or plan.</summary>
    public const int MaxScopes = 100;

    /// <summary>One scope value.</summary>
    public const int MaxScopeLength = 200;

    /// <summary>Client types one provider offers.</summary>
    public const int MaxClientTypes = 20;

    /// <summary>Client types one product allows.</summary>
    public const int MaxClientTypeIds = 50;

    /// <summary>An admin's or developer's reason for rejecting or revoking an access request.</summary>
    public const int MaxReasonLength = 1000;

    /// <summary>An e-mail address (RFC 5321 §4.5.3.1.3 limits a path to 256 characters including the angle brackets).</summary>
    public const int MaxEmailLength = 254;

    /// <summary>A short identifier given to the portal for an identity provider, such as a client id.</summary>
    public const int MaxShortTextLength = 256;

    /// <summary>A secret given to the portal: an initial access token, a client secret.</summary>
    public const int MaxSecretLength = 8192;

    /// <summary>A JWT given to <c>verifyToken</c>.</summary>
    public const int MaxTokenLength = 16 * 1024;

    /// <summary>Entries in one page of a listing (<c>first</c>).</summary>
    public const int MaxPageSize = 100;

    /// <summary>A paging cursor (<c>after</c>); the portal's own cursors are far shorter.</summary>
    public const int MaxCursorLength = 512;

    /// <summary>How long a replaced client keeps working after a secret rotation, in seconds (7 days).</summary>
    public const int MaxGracePeriodSeconds = 7 * 24 * 60 * 60;

    /// <summary><see cref="MaxGracePeriodSeconds"/> as a time span.</summary>
    public static readonly TimeSpan MaxGracePeriod = TimeSpan.FromSeconds(MaxGracePeriodSeconds);
}
