using GraphQL;
using GraphQL.Execution;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Storage;
using PortalGrains.GraphQL.Errors;
using PortalGrains.GraphQL.Tests.Infrastructure;

namespace PortalGrains.GraphQL.Tests.Errors;

public sealed class UnhandledExceptionHandlerTests
{
    [Fact]
    public async Task An_unexpected_exception_is_masked_with_a_correlation_id_that_is_also_logged()
    {
        var logger = new RecordingLogger<UnhandledExceptionHandler>();
        var context = Context(new InvalidOperationException("connection string AccountKey=secret-value failed"));

        await new UnhandledExceptionHandler(logger, exposeExceptionDetails: false).HandleAsync(context);

        var error = Assert.IsType<PortalExecutionError>(context.Exception);
        Assert.Equal(PortalErrorCodes.Internal, error.Code);
        Assert.NotNull(error.CorrelationId);
        Assert.StartsWith("Internal error (reference " + error.CorrelationId, error.Message);
        Assert.DoesNotContain("secret-value", error.Message);
        Assert.Null(error.InnerException);
        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Error, entry.Level);
        Assert.Contains(error.CorrelationId, entry.Message);
        Assert.IsType<InvalidOperationException>(entry.Exception);
    }

    [Fact]
    public async Task Exception_details_are_attached_only_when_exposed()
    {
        var original = new InvalidOperationException("boom");
        var context = Context(original);

        await new UnhandledExceptionHandler(new RecordingLogger<UnhandledExceptionHandler>(), exposeExceptionDetails: true).HandleAsync(context);

        Assert.Same(original, Assert.IsType<PortalExecutionError>(context.Exception).InnerException);
    }

    [Fact]
    public async Task A_storage_conflict_is_a_retryable_CONFLICT()
    {
        var context = Context(new InconsistentStateException("etag mismatch", "1", "2"));

        await new UnhandledExceptionHandler(new RecordingLogger<UnhandledExceptionHandler>(), exposeExceptionDetails: false).HandleAsync(context);

        var error = Assert.IsType<PortalExecutionError>(context.Exception);
        Assert.Equal(PortalErrorCodes.Conflict, error.Code);
        Assert.DoesNotContain("etag", error.Message);
    }

    [Fact]
    public async Task A_time_out_is_a_retryable_TIMEOUT_and_a_lost_silo_UNAVAILABLE()
    {
        var timeout = Context(new TimeoutException("Response did not arrive on time in 00:00:30 for message: Request S127.0.0.1:11111"));
        var silo = Context(new SiloUnavailableException("silo gone"));
        var handler = new UnhandledExceptionHandler(new RecordingLogger<UnhandledExceptionHandler>(), exposeExceptionDetails: false);

        await handler.HandleAsync(timeout);
        await handler.HandleAsync(silo);

        Assert.Equal(PortalErrorCodes.Timeout, Assert.IsType<PortalExecutionError>(timeout.Exception).Code);
        Assert.DoesNotContain("127.0.0.1", timeout.Exception.Message);
        Assert.Equal(PortalErrorCodes.Unavailable, Assert.IsType<PortalExecutionError>(silo.Exception).Code);
    }

    [Fact]
    public void The_correlation_id_is_an_extension_of_the_serialized_error()
    {
        var provider = new PortalErrorInfoProvider(new ErrorInfoProviderOptions());

        var info = provider.GetInfo(new PortalExecutionError(PortalErrorCodes.Internal, "Internal error (reference abc)", "abc"));

        Assert.Equal("abc", info.Extensions![PortalErrorInfoProvider.CorrelationIdExtension]);
        Assert.Equal(PortalErrorCodes.Internal, info.Extensions["code"]);
    }

    private static UnhandledExceptionContext Context(Exception exception) =>
        new(new ExecutionOptions { Query = "{ viewer { id } }" }, exception);
}
