namespace PortalGrains.GraphQL.Schema.Mutations;

internal static class Ids
{
    public static string New() => Guid.NewGuid().ToString("N");
}
