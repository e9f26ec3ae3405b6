namespace PortalGrains.Abstractions.Common;

/// <summary>Who asks: the token's <c>sub</c> and whether the token marks an admin. Grains check ownership with it.</summary>
[GenerateSerializer, Immutable]
public sealed record Caller(
    [property: Id(0)] string Id,
    [property: Id(1)] bool IsAdmin)
{
    public static readonly Caller System = new("system", IsAdmin: true);

    public bool Owns(string ownerId) => string.Equals(Id, ownerId, StringComparison.Ordinal);

    public bool MayManage(string ownerId) => IsAdmin || Owns(ownerId);
}
