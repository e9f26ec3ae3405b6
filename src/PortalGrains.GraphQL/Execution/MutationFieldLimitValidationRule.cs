using GraphQL.Validation;
using GraphQLParser;
using GraphQLParser.AST;

namespace PortalGrains.GraphQL.Execution;

/// <summary>
/// Refuses a mutation operation with more root fields than <c>GraphQL:MaxMutationFields</c>. Mutations run one after
/// another and each may write grain state and call an identity provider; the complexity limit is sized for reads, so
/// without this one alias repeated a thousand times would run a thousand checkouts in one request.
/// </summary>
public sealed class MutationFieldLimitValidationRule(int maxFields) : ValidationRuleBase, IDocumentOnlyValidationRule
{
    public const string ErrorCode = "TOO_MANY_MUTATIONS";

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        if (context.Operation.Operation == OperationType.Mutation
            && CountFields(context.Operation.SelectionSet, context.Document, []) is var count && count > maxFields)
        {
            context.ReportError(new ValidationError(
                context.Document.Source,
                null,
                $"The operation has {count} mutation fields; at most {maxFields} run in one request: send the others in separate requests.",
                context.Operation) { Code = ErrorCode });
        }

        return default;
    }

    private static int CountFields(GraphQLSelectionSet selectionSet, GraphQLDocument document, HashSet<string> spreadFragments)
    {
        var count = 0;
        foreach (var selection in selectionSet.Selections)
        {
            switch (selection)
            {
                case GraphQLField:
                    count++;
                    break;
                case GraphQLInlineFragment inline:
                    count += CountFields(inline.SelectionSet, document, spreadFragments);
                    break;
                case GraphQLFragmentSpread spread when spreadFragments.Add(spread.FragmentName.Name.StringValue)
                    && document.FindFragmentDefinition(spread.FragmentName.Name.Value) is { } fragment:
                    count += CountFields(fragment.SelectionSet, document, spreadFragments);
                    break;
            }
        }

        return count;
    }
}
