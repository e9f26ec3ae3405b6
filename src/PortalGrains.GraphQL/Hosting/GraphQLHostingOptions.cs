namespace PortalGrains.GraphQL.Hosting;

/// <summary>The <c>GraphQL</c> configuration section: limits that protect the endpoint.</summary>
public sealed class GraphQLHostingOptions
{
    public const string SectionName = "GraphQL";

    /// <summary>Largest accepted request body, in bytes.</summary>
    public long MaxRequestBytes { get; set; } = 256 * 1024;

    /// <summary>Deepest selection nesting a query may have.</summary>
    public int MaxDepth { get; set; } = 15;

    /// <summary>Highest computed complexity a query may have.</summary>
    public int MaxComplexity { get; set; } = 5000;

    /// <summary>Most root fields a mutation operation may have (each mutation runs in turn and may call an identity provider).</summary>
    public int MaxMutationFields { get; set; } = 10;

    /// <summary>Whether introspection (<c>__schema</c>, <c>__type</c>) is answered.</summary>
    public bool EnableIntrospection { get; set; } = true;

    /// <summary>Whether unhandled exceptions are described in responses (Development only).</summary>
    public bool ExposeExceptionDetails { get; set; }
}
