namespace PortalGrains.GraphQL.Subscriptions;

/// <summary>Close codes of the graphql-transport-ws protocol, and the WebSocket ones this server also uses.</summary>
public static class GraphQLWebSocketCloseCodes
{
    public const int NormalClosure = 1000;

    /// <summary>The server is shutting down: the client reconnects, to another silo.</summary>
    public const int GoingAway = 1001;

    /// <summary>The user has <c>GraphQL:MaxConnectionsPerUser</c> connections open already (clients do not retry it).</summary>
    public const int PolicyViolation = 1008;

    public const int MessageTooBig = 1009;
    public const int BadRequest = 4400;
    public const int Unauthorized = 4401;

    /// <summary>No valid login token at <c>connection_init</c>, or the token has expired since.</summary>
    public const int Forbidden = 4403;

    public const int SubprotocolNotAcceptable = 4406;
    public const int ConnectionInitialisationTimeout = 4408;
    public const int SubscriberAlreadyExists = 4409;
    public const int TooManyInitialisationRequests = 4429;
}
