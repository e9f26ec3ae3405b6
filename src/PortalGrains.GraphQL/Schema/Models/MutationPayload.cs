using System.Collections.Immutable;
using PortalGrains.Abstractions.Common;
using PortalGrains.GraphQL.Execution;

namespace PortalGrains.GraphQL.Schema.Models;

/// <summary>What a mutation returns: its value when it succeeded, or the user errors that stopped it.</summary>
public sealed record MutationPayload<T>(T? Value, ImmutableArray<UserError> Errors)
{
    public static MutationPayload<T> Success(T value) => new(value, []);

    public static MutationPayload<T> Failure(params UserError[] errors) => new(default, [.. errors]);

    public static MutationPayload<T> Failure(IEnumerable<UserError> errors) => new(default, [.. errors]);

    public static MutationPayload<T> From(CommandResult<T> result) =>
        result.Succeeded ? new(result.Value, []) : new(default, result.Errors.OrEmpty());
}
