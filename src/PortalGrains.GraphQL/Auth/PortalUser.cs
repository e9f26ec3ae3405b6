using PortalGrains.Abstractions.Common;

namespace PortalGrains.GraphQL.Auth;

/// <summary>An authenticated portal user: the login token's <c>sub</c>, whether it marks an admin, and its profile claims.</summary>
public sealed record PortalUser(string Id, bool IsAdmin, string? Email, string? Name)
{
    public Caller ToCaller() => new(Id, IsAdmin);

    /// <summary>Whether this user may see what <paramref name="ownerId"/> owns: the owner, or an admin.</summary>
    public bool MaySee(string ownerId) => IsAdmin || Owns(ownerId);

    public bool Owns(string ownerId) => string.Equals(Id, ownerId, StringComparison.Ordinal);
}
