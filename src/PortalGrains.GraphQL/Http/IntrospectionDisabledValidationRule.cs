using GraphQL.Validation;
using GraphQLParser.AST;
using PortalGrains.GraphQL.Execution;

namespace PortalGrains.GraphQL.Http;

/// <summary>
/// Refuses <c>__schema</c> and <c>__type</c> wherever they are selected, unless <paramref name="introspectionEnabled"/>
/// (<c>GraphQL:EnableIntrospection</c>, false by default outside Development). <c>__typename</c> stays allowed: clients
/// need it and it reveals nothing.
/// </summary>
public sealed class IntrospectionDisabledValidationRule(bool introspectionEnabled) : ValidationRuleBase, IDocumentOnlyValidationRule
{
    public const string ErrorCode = "INTROSPECTION_DISABLED";

    private static readonly INodeVisitor Visitor = new MatchingNodeVisitor<GraphQLField>((field, context) =>
    {
        if (field.Name.Value == "__schema" || field.Name.Value == "__type")
        {
            context.ReportError(new ValidationError(
                context.Document.Source,
                null,
                $"Introspection is turned off on this server ('{field.Name.StringValue}' is not answered); the schema is published with the API's documentation.",
                field) { Code = ErrorCode });
        }
    });

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) =>
        introspectionEnabled ? default : new(Visitor);
}
