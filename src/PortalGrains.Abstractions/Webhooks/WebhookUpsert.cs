using System.Collections.Immutable;
using System.Text;

namespace PortalGrains.Abstractions.Webhooks;

/// <summary>An endpoint as an admin gives it. <see cref="Secret"/> ('whsec_' + base64) is generated when left out on creation.</summary>
[GenerateSerializer, Immutable]
public sealed record WebhookUpsert(
    [property: Id(0)] string Url,
    [property: Id(1)] ImmutableArray<WebhookEventType> Events,
    [property: Id(2)] string? Secret,
    [property: Id(3)] bool Active)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Url = ").Append(Url).Append(", Events = ").Append(string.Join(' ', Events)).Append(", Active = ").Append(Active);
        return true;
    }
}
