using GraphQL;
using GraphQL.Execution;

namespace PortalGrains.GraphQL.Errors;

/// <summary>GraphQL.NET's error serialization plus <c>extensions.correlationId</c> for errors that carry one.</summary>
public sealed class PortalErrorInfoProvider(ErrorInfoProviderOptions options) : IErrorInfoProvider
{
    public const string CorrelationIdExtension = "correlationId";

    private readonly ErrorInfoProvider _inner = new(options);

    public ErrorInfo GetInfo(ExecutionError executionError)
    {
        var info = _inner.GetInfo(executionError);
        if (executionError is PortalExecutionError { CorrelationId: { } correlationId })
        {
            info.Extensions ??= new Dictionary<string, object?>();
            info.Extensions[CorrelationIdExtension] = correlationId;
        }

        return info;
    }
}
