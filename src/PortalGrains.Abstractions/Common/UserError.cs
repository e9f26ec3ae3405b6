using System.Collections.Immutable;

namespace PortalGrains.Abstractions.Common;

/// <summary>A validation or business-rule failure the caller can act on; nothing was changed.</summary>
[GenerateSerializer, Immutable]
public sealed record UserError(
    [property: Id(0)] string Code,
    [property: Id(1)] string Message,
    [property: Id(2)] ImmutableArray<string> Field)
{
    public static UserError For(string code, string message, params string[] field) => new(code, message, [.. field]);
}
