using GraphQL.Types;
using PortalGrains.Abstractions.Applications;
using PortalGrains.GraphQL.Schema.Scalars;

namespace PortalGrains.GraphQL.Schema.Types;

public sealed class IdentityProviderOperationType : ObjectGraphType<IdentityProviderOperationRecord>
{
    public IdentityProviderOperationType()
    {
        Name = "IdentityProviderOperation";
        Description = "an operation of the portal at an identity provider for an application, for the audit";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.OperationId);
        Field<NonNullGraphType<StringGraphType>>("operation").Description("Register, Update, Delete or RotateSecret").Resolve(c => c.Source.Operation);
        Field<NonNullGraphType<IdGraphType>>("providerId").Resolve(c => c.Source.ProviderId);
        Field<StringGraphType>("clientId").Resolve(c => c.Source.ClientId);
        Field<NonNullGraphType<StringGraphType>>("actor").Description("the user whose command caused it, or 'system' for background work").Resolve(c => c.Source.Actor);
        Field<NonNullGraphType<DateTimeScalarType>>("at").Resolve(c => c.Source.At);
        Field<NonNullGraphType<StringGraphType>>("outcome").Description("succeeded, failed or uncertain").Resolve(c => c.Source.Outcome);
        Field<StringGraphType>("detail").Description("the identity provider's status and error, when it failed").Resolve(c => c.Source.Detail);
        Field<NonNullGraphType<StringGraphType>>("correlationId").Resolve(c => c.Source.CorrelationId);
    }
}
