using GraphQL.Validation;
using GraphQLParser.AST;
using PortalGrains.GraphQL.Execution;

namespace PortalGrains.GraphQL.Http;

/// <summary>Refuses mutations and subscriptions sent with GET, which must not change state.</summary>
public sealed class QueriesOnlyValidationRule : ValidationRuleBase, IDocumentOnlyValidationRule
{
    public static readonly QueriesOnlyValidationRule Instance = new();

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        if (context.Operation.Operation != OperationType.Query)
        {
            // ValidationError's second argument is the spec rule number; the extensions code is Code.
            context.ReportError(new ValidationError(
                context.Document.Source,
                null,
                $"Only queries may be sent with GET; send {context.Operation.Operation.ToString().ToLowerInvariant()} operations with POST.",
                context.Operation) { Code = "METHOD_NOT_ALLOWED" });
        }

        return default;
    }
}
