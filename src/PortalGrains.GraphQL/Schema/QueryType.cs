using System.Reflection;
using GraphQL.Types;

namespace PortalGrains.GraphQL.Schema;

public sealed class QueryType : ObjectGraphType
{
    private static readonly string ServerVersion =
        typeof(QueryType).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public QueryType()
    {
        Name = "Query";
        Field<NonNullGraphType<StringGraphType>>("serverVersion")
            .Description("the version of the PortalGrains server answering")
            .Resolve(_ => ServerVersion);
    }
}
