using GraphQL;

namespace PortalGrains.GraphQL.Errors;

/// <summary>A GraphQL error with a code and, for server-side failures, a correlation id (<c>extensions.correlationId</c>).</summary>
public sealed class PortalExecutionError : ExecutionError
{
    public PortalExecutionError(string code, string message, string? correlationId = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
        CorrelationId = correlationId;
    }

    public string? CorrelationId { get; }

    public static PortalExecutionError Unauthenticated() =>
        new(PortalErrorCodes.Unauthenticated, "Authentication required: send 'Authorization: Bearer <token>' with a login token of the portal.");

    public static PortalExecutionError Forbidden() =>
        new(PortalErrorCodes.Forbidden, "Not allowed: this needs an admin token.");

    public static PortalExecutionError BadUserInput(string message) => new(PortalErrorCodes.BadUserInput, message);

    public static PortalExecutionError NotConfigured(string message) => new(PortalErrorCodes.NotConfigured, message);
}
