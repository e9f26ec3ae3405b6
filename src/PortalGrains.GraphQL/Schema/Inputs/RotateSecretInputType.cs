using GraphQL.Types;

namespace PortalGrains.GraphQL.Schema.Inputs;

public sealed class RotateSecretInputType : InputObjectGraphType<RotateSecretInput>
{
    public RotateSecretInputType()
    {
        Name = "RotateSecretInput";
        Field<NonNullGraphType<IdGraphType>>("applicationId");
        Field<NonNullGraphType<IdGraphType>>("providerId");
        Field<IntGraphType>("gracePeriodSeconds")
            .Description("how long the old secret keeps working, where the identity provider supports a grace period; 0 = it stops at once")
            .DefaultValue(0);
    }
}
