using PortalGrains.Configuration;

namespace PortalGrains.GraphQL.Hosting;

/// <summary>The <c>GraphQL</c> configuration section: limits that protect the endpoint.</summary>
public sealed class GraphQLHostingOptions : IProblemReportingOptions
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

    /// <summary>
    /// Whether introspection (<c>__schema</c>, <c>__type</c>) is answered. Not set: true in Development only, so that a
    /// production endpoint does not hand out a map of every field, admin ones included.
    /// </summary>
    public bool EnableIntrospection { get; set; }

    /// <summary>
    /// How long the answer of a catalogue query (products, product, plans) or of verifyToken is served again to callers
    /// who are not admins, as long as the catalogue's version has not changed (and never past the verified token's
    /// expiry). Bounds how late a change made on another silo to a provider's client types, or the deletion of the
    /// application holding a token, shows, like <c>Portal:Catalog:VersionCheckInterval</c> does for the catalogue.
    /// Zero turns the cache off.
    /// </summary>
    public TimeSpan QueryAnswerMaxAge { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a provider read for the client types of catalogue products is used again on this silo (a change made on
    /// this silo shows at once), so that the catalogue resolves without a grain call. Bounds how late a change made on
    /// another silo to a provider's client types shows when the answer cache does not hold the query. Zero reads the
    /// provider for every request.
    /// </summary>
    public TimeSpan CatalogProviderMaxAge { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Memory budget of the validated-document cache, estimated at 16 bytes per character of the cached query texts; the
    /// least recently used documents are evicted beyond it.
    /// </summary>
    public long DocumentCacheBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Most subscriptions one WebSocket connection runs at a time; one more is answered with <c>LIMIT_EXCEEDED</c>.</summary>
    public int MaxSubscriptionsPerConnection { get; set; } = 10;

    /// <summary>Most subscription connections (WebSockets and SSE streams) one user keeps open on one silo.</summary>
    public int MaxConnectionsPerUser { get; set; } = 20;

    /// <summary>How often an idle subscription connection is pinged (a WebSocket <c>ping</c> message, an SSE comment).</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(12);

    /// <summary>How long a WebSocket may take to send an accepted <c>connection_init</c> before it is closed with 4408.</summary>
    public TimeSpan ConnectionInitTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether unhandled exceptions are described in responses (Development only).</summary>
    public bool ExposeExceptionDetails { get; set; }

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (MaxDepth <= 0 || MaxComplexity <= 0 || MaxRequestBytes <= 0 || MaxMutationFields <= 0 || DocumentCacheBytes <= 0)
        {
            problems.Add($"{nameof(MaxDepth)}, {nameof(MaxComplexity)}, {nameof(MaxRequestBytes)}, {nameof(MaxMutationFields)} and {nameof(DocumentCacheBytes)} must be positive");
        }

        if (MaxSubscriptionsPerConnection <= 0 || MaxConnectionsPerUser <= 0 || KeepAliveInterval <= TimeSpan.Zero || ConnectionInitTimeout <= TimeSpan.Zero)
        {
            problems.Add($"{nameof(MaxSubscriptionsPerConnection)}, {nameof(MaxConnectionsPerUser)}, {nameof(KeepAliveInterval)} and {nameof(ConnectionInitTimeout)} must be positive");
        }

        if (CatalogProviderMaxAge < TimeSpan.Zero || CatalogProviderMaxAge > TimeSpan.FromHours(1))
        {
            problems.Add($"{nameof(CatalogProviderMaxAge)} must be between 00:00:00 and 01:00:00");
        }

        return problems;
    }
}
