using System.Collections.Immutable;
using GraphQL.Types;
using PortalGrains.Abstractions.Providers;
using PortalGrains.GraphQL.Execution;
using PortalGrains.GraphQL.Schema.Models;
using PortalGrains.GraphQL.Schema.Types;

namespace PortalGrains.GraphQL.Schema.Payloads;

public sealed class TestProviderConnectionPayloadType : ObjectGraphType<MutationPayload<ImmutableArray<ConnectionCheckStep>>>
{
    public TestProviderConnectionPayloadType()
    {
        Name = "TestProviderConnectionPayload";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ConnectionCheckStepType>>>>("steps")
            .Description("each step of the check in order; the first failed step explains what to fix")
            .Resolve(c => c.Source.Value.OrEmpty());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(c => c.Source.Errors);
    }
}
