using GraphQL.Types;
using PortalGrains.Abstractions.Catalog;
using PortalGrains.GraphQL.Schema.Models;
using PortalGrains.GraphQL.Schema.Types;

namespace PortalGrains.GraphQL.Schema.Payloads;

public sealed class ProductPayloadType : ObjectGraphType<MutationPayload<Product>>
{
    public ProductPayloadType()
    {
        Name = "ProductPayload";
        Field<ApiProductType>("product").Description("the product as stored; null when errors stopped the mutation").Resolve(c => c.Source.Value);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(c => c.Source.Errors);
    }
}
