namespace PortalGrains.Abstractions.Applications;

/// <summary>What one caller may do with one application, as decided by <see cref="ApplicationAuthorization"/>.</summary>
/// <param name="See">Read the application and its access requests.</param>
/// <param name="ReadSecrets">Read its clients' secrets: the owner of a personal application, the members of a team's (never an admin as such).</param>
/// <param name="Checkout">Request access for it.</param>
/// <param name="Change">Update it, rotate its secrets, transfer it: the owner of a personal application, the OWNERs of a team's.</param>
/// <param name="Delete">Delete it: whoever may change it, and admins.</param>
[GenerateSerializer, Immutable]
public sealed record ApplicationAccess(
    [property: Id(0)] bool See,
    [property: Id(1)] bool ReadSecrets,
    [property: Id(2)] bool Checkout,
    [property: Id(3)] bool Change,
    [property: Id(4)] bool Delete)
{
    public static readonly ApplicationAccess None = new(false, false, false, false, false);
}
