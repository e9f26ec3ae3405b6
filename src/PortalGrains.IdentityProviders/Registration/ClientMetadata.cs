using System.Collections.Frozen;
using System.Text;
using System.Text.Json;

namespace PortalGrains.IdentityProviders.Registration;

/// <summary>
/// Client metadata (RFC 7591 §2): what the portal asks for, or what the identity provider returned.
/// Equality treats the lists as sets (order is not significant for any of them) and compares extension values
/// as JSON, so a desired and an observed document can be compared directly.
/// </summary>
public sealed record ClientMetadata
{
    public static readonly IReadOnlyDictionary<string, JsonElement> NoExtensions =
        FrozenDictionary<string, JsonElement>.Empty;

    /// <summary><c>client_name</c>. The drivers tag it with the portal application (see <see cref="PortalClientTag"/>).</summary>
    public string? ClientName { get; init; }

    public IReadOnlyList<string> RedirectUris { get; init; } = [];

    public IReadOnlyList<string> GrantTypes { get; init; } = [];

    public IReadOnlyList<string> ResponseTypes { get; init; } = [];

    /// <summary><c>token_endpoint_auth_method</c>: client_secret_basic, client_secret_post, none, private_key_jwt, ...</summary>
    public string? TokenEndpointAuthMethod { get; init; }

    /// <summary><c>scope</c>, split on spaces.</summary>
    public IReadOnlyList<string> Scopes { get; init; } = [];

    /// <summary>
    /// <c>application_type</c>: "web" or "native" (OpenID Connect Registration §2); Okta also knows "browser" and
    /// "service"; for Auth0 its app_type (regular_web, spa, native, non_interactive).
    /// </summary>
    public string? ApplicationType { get; init; }

    /// <summary><c>software_id</c> (RFC 7591 §2).</summary>
    public string? SoftwareId { get; init; }

    /// <summary>
    /// The client must use PKCE. RFC 7591 has no field for it: drivers send their identity provider's flag where it has
    /// one (Okta pkce_required, Keycloak pkce.code.challenge.method); identity providers do not echo it.
    /// </summary>
    public bool RequirePkce { get; init; }

    /// <summary>Other fields, sent as they are (vendor-specific settings) or returned by the identity provider.</summary>
    public IReadOnlyDictionary<string, JsonElement> Extensions { get; init; } = NoExtensions;

    public bool Equals(ClientMetadata? other) =>
        other is not null
        && string.Equals(ClientName, other.ClientName, StringComparison.Ordinal)
        && SameSet(RedirectUris, other.RedirectUris)
        && SameSet(GrantTypes, other.GrantTypes)
        && SameSet(ResponseTypes, other.ResponseTypes)
        && string.Equals(TokenEndpointAuthMethod, other.TokenEndpointAuthMethod, StringComparison.Ordinal)
        && SameSet(Scopes, other.Scopes)
        && string.Equals(ApplicationType, other.ApplicationType, StringComparison.Ordinal)
        && string.Equals(SoftwareId, other.SoftwareId, StringComparison.Ordinal)
        && RequirePkce == other.RequirePkce
        && SameExtensions(Extensions, other.Extensions);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(ClientName, StringComparer.Ordinal);
        hash.Add(SetHash(RedirectUris));
        hash.Add(SetHash(GrantTypes));
        hash.Add(SetHash(ResponseTypes));
        hash.Add(TokenEndpointAuthMethod, StringComparer.Ordinal);
        hash.Add(SetHash(Scopes));
        hash.Add(ApplicationType, StringComparer.Ordinal);
        hash.Add(SoftwareId, StringComparer.Ordinal);
        hash.Add(RequirePkce);
        hash.Add(Extensions.Count);
        return hash.ToHashCode();
    }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("ClientName = ").Append(ClientName)
            .Append(", RedirectUris = [").AppendJoin(", ", RedirectUris)
            .Append("], GrantTypes = [").AppendJoin(", ", GrantTypes)
            .Append("], ResponseTypes = [").AppendJoin(", ", ResponseTypes)
            .Append("], TokenEndpointAuthMethod = ").Append(TokenEndpointAuthMethod)
            .Append(", Scopes = [").AppendJoin(", ", Scopes)
            .Append("], ApplicationType = ").Append(ApplicationType)
            .Append(", SoftwareId = ").Append(SoftwareId)
            .Append(", RequirePkce = ").Append(RequirePkce)
            .Append(", Extensions = [").AppendJoin(", ", Extensions.Keys.Order(StringComparer.Ordinal)).Append(']');
        return true;
    }

    private static bool SameSet(IReadOnlyList<string> left, IReadOnlyList<string> right) =>
        ReferenceEquals(left, right) || new HashSet<string>(left, StringComparer.Ordinal).SetEquals(right);

    private static int SetHash(IReadOnlyList<string> values)
    {
        var hash = 0;
        foreach (var value in values.Distinct(StringComparer.Ordinal))
        {
            hash ^= StringComparer.Ordinal.GetHashCode(value);
        }

        return hash;
    }

    private static bool SameExtensions(
        IReadOnlyDictionary<string, JsonElement> left, IReadOnlyDictionary<string, JsonElement> right) =>
        left.Count == right.Count
        && left.All(pair => right.TryGetValue(pair.Key, out var value) && JsonElement.DeepEquals(pair.Value, value));
}
