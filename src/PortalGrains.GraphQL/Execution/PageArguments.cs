using GraphQL;
using PortalGrains.Abstractions.Common;
using PortalGrains.GraphQL.Errors;

namespace PortalGrains.GraphQL.Execution;

/// <summary>The <c>first</c> and <c>after</c> arguments of a paged field, checked against the input limits.</summary>
public static class PageArguments
{
    public static (int First, string? After) Read(IResolveFieldContext context, int defaultFirst)
    {
        var first = context.GetArgument("first", defaultFirst);
        var after = context.GetArgument<string?>("after");
        if (first < 0 || first > InputLimits.MaxPageSize)
        {
            throw PortalExecutionError.BadUserInput($"first must be between 0 and {InputLimits.MaxPageSize}.");
        }

        if (after is { Length: > InputLimits.MaxCursorLength })
        {
            throw InvalidCursor();
        }

        return (first, after);
    }

    public static PortalExecutionError InvalidCursor() => PortalExecutionError.BadUserInput("after is not a cursor returned by this field.");
}
