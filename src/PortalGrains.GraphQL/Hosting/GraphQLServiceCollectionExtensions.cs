using GraphQL;
using GraphQL.DI;
using GraphQL.Execution;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using PortalGrains.GraphQL.Auth;
using PortalGrains.GraphQL.Errors;
using PortalGrains.GraphQL.Execution;
using PortalGrains.GraphQL.Http;
using PortalGrains.GraphQL.Schema;
using PortalGrains.GraphQL.Subscriptions;

namespace PortalGrains.GraphQL.Hosting;

public static class GraphQLServiceCollectionExtensions
{
    public const string EndpointPath = "/graphql";

    public static IServiceCollection AddPortalGraphQL(this IServiceCollection services, IConfiguration configuration, bool isDevelopment)
    {
        var limits = new GraphQLHostingOptions { ExposeExceptionDetails = isDevelopment, EnableIntrospection = isDevelopment };
        configuration.GetSection(GraphQLHostingOptions.SectionName).Bind(limits);
        if (limits.MaxDepth <= 0 || limits.MaxComplexity <= 0 || limits.MaxRequestBytes <= 0 || limits.MaxMutationFields <= 0
            || limits.DocumentCacheBytes <= 0)
        {
            throw new InvalidOperationException(
                "GraphQL:MaxDepth, GraphQL:MaxComplexity, GraphQL:MaxRequestBytes, GraphQL:MaxMutationFields and GraphQL:DocumentCacheBytes must be positive.");
        }

        if (limits.MaxSubscriptionsPerConnection <= 0 || limits.MaxConnectionsPerUser <= 0
            || limits.KeepAliveInterval <= TimeSpan.Zero || limits.ConnectionInitTimeout <= TimeSpan.Zero)
        {
            throw new InvalidOperationException(
                "GraphQL:MaxSubscriptionsPerConnection, GraphQL:MaxConnectionsPerUser, GraphQL:KeepAliveInterval and GraphQL:ConnectionInitTimeout must be positive.");
        }

        services.AddOptions<GraphQLHostingOptions>()
            .Configure(o => (o.ExposeExceptionDetails, o.EnableIntrospection) = (isDevelopment, isDevelopment))
            .Bind(configuration.GetSection(GraphQLHostingOptions.SectionName));
        services.AddSingleton<GraphQLHttpEndpoint>();
        services.AddSingleton<GraphQLSseEndpoint>();
        services.AddSingleton<GraphQLWebSocketEndpoint>();
        services.AddSingleton<SubscriptionConnectionLimiter>();
        services.AddSingleton<AccessRequestVisibility>();
        services.AddSingleton<AccessRequestChangeFeed>();
        services.AddHostedService(provider => provider.GetRequiredService<AccessRequestChangeFeed>());
        services.AddSingleton<QueryAnswerCache>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PortalRequestAuthenticator>();
        services.AddSingleton(new ParsedDocumentCache(limits.DocumentCacheBytes));
        services.AddSingleton<IConfigureExecution>(provider => provider.GetRequiredService<ParsedDocumentCache>());
        services.AddSingleton(provider => new UnhandledExceptionHandler(
            provider.GetRequiredService<ILogger<UnhandledExceptionHandler>>(), limits.ExposeExceptionDetails));
        services.AddGraphQL(graphql =>
        {
            graphql
                .AddSchema<PortalSchema>()
                .AddGraphTypes(typeof(PortalSchema).Assembly)
                .AddSystemTextJson()
                .AddErrorInfoProvider(new PortalErrorInfoProvider(new ErrorInfoProviderOptions { ExposeExceptionDetails = limits.ExposeExceptionDetails }))
                .AddUnhandledExceptionHandler((context, execution) =>
                    (execution.RequestServices ?? throw new InvalidOperationException("ExecutionOptions.RequestServices is not set."))
                        .GetRequiredService<UnhandledExceptionHandler>().HandleAsync(context))
                .AddComplexityAnalyzer(complexity =>
                {
                    complexity.MaxDepth = limits.MaxDepth;
                    complexity.MaxComplexity = limits.MaxComplexity;
                })
                .AddValidationRule(new MutationFieldLimitValidationRule(limits.MaxMutationFields), useForCachedDocuments: true);
            if (!limits.EnableIntrospection)
            {
                graphql.AddValidationRule(IntrospectionDisabledValidationRule.Instance);
            }
        });
        return services;
    }

    public static IEndpointRouteBuilder MapPortalGraphQL(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods(EndpointPath, ["GET", "POST"], context => context.WebSockets.IsWebSocketRequest
            ? context.RequestServices.GetRequiredService<GraphQLWebSocketEndpoint>().HandleAsync(context)
            : context.RequestServices.GetRequiredService<GraphQLHttpEndpoint>().HandleAsync(context));
        return endpoints;
    }
}
