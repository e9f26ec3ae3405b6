using System.Globalization;
using GraphQL;
using GraphQL.Types;
using PortalGrains.Abstractions.Common;

namespace PortalGrains.GraphQL.Execution;

/// <summary>
/// The rules of a mutation's ids (<see cref="InputValidator.Id"/>: at most <see cref="InputLimits.MaxIdLength"/> characters, no control characters,
/// '/', '\', '#' or '?') for an id argument of a query. They run while the document and its variables are validated,
/// before any resolver: an id no grain can have never activates one.
/// </summary>
internal static class IdArgument
{
    public static void Checked(QueryArgument argument) => argument.Validate(value =>
    {
        var text = Convert.ToString(value, CultureInfo.InvariantCulture);
        if (new InputValidator().Id(text).Errors is [var error, ..])
        {
            throw new ArgumentException(error.Message);
        }
    });
}
