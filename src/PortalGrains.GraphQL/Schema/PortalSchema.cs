using Microsoft.Extensions.DependencyInjection;

namespace PortalGrains.GraphQL.Schema;

public sealed class PortalSchema : global::GraphQL.Types.Schema
{
    public PortalSchema(IServiceProvider services) : base(services)
    {
        Query = services.GetRequiredService<QueryType>();
        Mutation = services.GetRequiredService<MutationType>();
        Subscription = services.GetRequiredService<SubscriptionType>();
    }
}
