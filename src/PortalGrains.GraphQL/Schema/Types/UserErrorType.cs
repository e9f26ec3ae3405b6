using GraphQL.Types;
using PortalGrains.Abstractions.Common;

namespace PortalGrains.GraphQL.Schema.Types;

public sealed class UserErrorType : ObjectGraphType<UserError>
{
    public UserErrorType()
    {
        Name = "UserError";
        Description = "a validation or business-rule failure of a mutation; nothing was changed";
        Field<NonNullGraphType<StringGraphType>>("code").Description("stable code to switch on (REQUIRED, INVALID, NOT_FOUND, ...)").Resolve(c => c.Source.Code);
        Field<NonNullGraphType<StringGraphType>>("message").Resolve(c => c.Source.Message);
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("field")
            .Description("path of the offending field from the mutation's argument, e.g. [\"input\", \"name\"], when one is to blame")
            .Resolve(c => c.Source.Field.IsDefaultOrEmpty ? null : c.Source.Field);
    }
}
