using GraphQL;

namespace PortalGrains.GraphQL.Subscriptions;

/// <summary>Hands a subscription's results, its end and its failure to the transport that serves it.</summary>
internal sealed class ResultObserver(Action<ExecutionResult> next, Action completed, Action<Exception> failed) : IObserver<ExecutionResult>
{
    public void OnNext(ExecutionResult value) => next(value);

    public void OnCompleted() => completed();

    public void OnError(Exception error) => failed(error);
}
