using GraphQL.Types;

namespace PortalGrains.GraphQL.Schema.Inputs;

public sealed class UpdateProfileInputType : InputObjectGraphType<UpdateProfileInput>
{
    public UpdateProfileInputType()
    {
        Name = "UpdateProfileInput";
        Description = "a field left out (or null) stays as it is";
        Field<StringGraphType>("email");
        Field<StringGraphType>("name");
    }
}
