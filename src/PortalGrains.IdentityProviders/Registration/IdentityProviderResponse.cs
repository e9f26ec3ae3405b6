using System.Text.Json;

namespace PortalGrains.IdentityProviders.Registration;

/// <summary>An answer of an identity provider. ToString() leaves the body out, since it can hold secrets.</summary>
internal sealed record IdentityProviderResponse(
    HttpMethod Method, Uri Uri, int Status, string Body, JsonElement? Json, TimeSpan? RetryAfter)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>The next page of a paginated listing (Link header, rel="next"), when the answer names one.</summary>
    public Uri? NextPage { get; init; }

    public override string ToString() => $"{Method} {Uri.GetLeftPart(UriPartial.Path)} -> HTTP {Status}";
}
