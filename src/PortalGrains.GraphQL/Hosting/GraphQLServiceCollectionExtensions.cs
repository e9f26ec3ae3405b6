using GraphQL;
using GraphQL.DI;
using GraphQL.Execution;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PortalGrains.Configuration;
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

    /// <summary>
    /// The GraphQL endpoint and its schema, with the limits of the <c>GraphQL</c> section validated at start-up;
    /// <paramref name="isDevelopment"/> turns introspection and exception details on unless the section says otherwise.
    /// </summary>
    public static IServiceCollection AddPortalGraphQL(this IServiceCollection services, bool isDevelopment)
    {
        services.AddOptions<GraphQLHostingOptions>()
            .Configure(o => (o.ExposeExceptionDetails, o.EnableIntrospection) = (isDevelopment, isDevelopment))
            .BindConfiguration(GraphQLHostingOptions.SectionName)
            .ValidateProblems(GraphQLHostingOptions.SectionName)
            .ValidateOnStart();
        services.AddSingleton<GraphQLHttpEndpoint>();
        services.AddSingleton<GraphQLSseEndpoint>();
        services.AddSingleton<GraphQLWebSocketEndpoint>();
        services.AddSingleton<SubscriptionConnectionLimiter>();
        services.AddSingleton<AccessRequestVisibility>();
        services.AddSingleton<AccessRequestChangeFeed>();
        services.AddHostedService(provider => provider.GetRequiredService<AccessRequestChangeFeed>());
        services.AddSingleton<QueryAnswerCache>();
        services.AddSingleton<CatalogProviderCache>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PortalRequestAuthenticator>();
        services.AddSingleton(provider => new ValidatedDocumentCache(Limits(provider).DocumentCacheBytes));
        services.AddSingleton<IConfigureExecution>(provider => provider.GetRequiredService<ValidatedDocumentCache>());
        services.AddSingleton(provider => new UnhandledExceptionHandler(
            provider.GetRequiredService<ILogger<UnhandledExceptionHandler>>(), Limits(provider).ExposeExceptionDetails));
        services.AddGraphQL(graphql => graphql
            .AddSchema<PortalSchema>()
            .AddGraphTypes(typeof(PortalSchema).Assembly)
            .AddSystemTextJson()
            .AddErrorInfoProvider(provider => new PortalErrorInfoProvider(
                new ErrorInfoProviderOptions { ExposeExceptionDetails = Limits(provider).ExposeExceptionDetails }))
            .AddUnhandledExceptionHandler((context, execution) =>
                (execution.RequestServices ?? throw new InvalidOperationException("ExecutionOptions.RequestServices is not set."))
                    .GetRequiredService<UnhandledExceptionHandler>().HandleAsync(context))
            .AddComplexityAnalyzer((complexity, provider) =>
            {
                complexity.MaxDepth = Limits(provider).MaxDepth;
                complexity.MaxComplexity = Limits(provider).MaxComplexity;
            })
            .AddValidationRule(provider => new MutationFieldLimitValidationRule(Limits(provider).MaxMutationFields), useForCachedDocuments: true)
            .AddValidationRule(provider => new IntrospectionDisabledValidationRule(Limits(provider).EnableIntrospection)));
        return services;
    }

    public static IEndpointRouteBuilder MapPortalGraphQL(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods(EndpointPath, ["GET", "POST"], context => context.WebSockets.IsWebSocketRequest
            ? context.RequestServices.GetRequiredService<GraphQLWebSocketEndpoint>().HandleAsync(context)
            : context.RequestServices.GetRequiredService<GraphQLHttpEndpoint>().HandleAsync(context));
        return endpoints;
    }

    private static GraphQLHostingOptions Limits(IServiceProvider provider) =>
        provider.GetRequiredService<IOptions<GraphQLHostingOptions>>().Value;
}
