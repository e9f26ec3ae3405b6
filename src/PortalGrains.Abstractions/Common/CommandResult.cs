using System.Collections.Immutable;

namespace PortalGrains.Abstractions.Common;

/// <summary>The outcome of a command: the value it produced, or the user errors that stopped it (and nothing changed).</summary>
[GenerateSerializer, Immutable]
public sealed record CommandResult<T>(
    [property: Id(0)] T? Value,
    [property: Id(1)] ImmutableArray<UserError> Errors)
{
    public bool Succeeded => Errors.IsDefaultOrEmpty;

    public static CommandResult<T> Success(T value) => new(value, []);

    public static CommandResult<T> Failure(params UserError[] errors) => new(default, [.. errors]);

    public static CommandResult<T> Failure(IEnumerable<UserError> errors) => new(default, [.. errors]);
}
