using GraphQL.Types;

namespace PortalGrains.GraphQL.Schema.Inputs;

public sealed class TestProviderConnectionInputType : InputObjectGraphType<TestProviderConnectionInput>
{
    public TestProviderConnectionInputType()
    {
        Name = "TestProviderConnectionInput";
        Field<NonNullGraphType<IdGraphType>>("id").Description("the provider to check");
    }
}
