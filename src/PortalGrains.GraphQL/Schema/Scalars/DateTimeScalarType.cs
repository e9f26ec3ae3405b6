using GraphQL.Types;

namespace PortalGrains.GraphQL.Schema.Scalars;

/// <summary>
/// The contract's <c>DateTime</c> scalar for <see cref="DateTimeOffset"/> values (GraphQL.NET's own DateTime type
/// serializes only <see cref="DateTime"/>): ISO 8601 / RFC 3339 text with its offset.
/// </summary>
public sealed class DateTimeScalarType : DateTimeOffsetGraphType
{
    public DateTimeScalarType()
    {
        Name = "DateTime";
        Description = "a date and time with its UTC offset, as ISO 8601 / RFC 3339 text (2025-01-31T09:30:00.0000000+00:00)";
    }
}
