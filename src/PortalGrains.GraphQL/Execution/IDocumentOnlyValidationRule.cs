using GraphQL.Validation;

namespace PortalGrains.GraphQL.Execution;

/// <summary>
/// A validation rule whose outcome depends only on the schema, the document and the selected operation (never on the
/// variables, the caller or the time): once a document passed it, <see cref="ValidatedDocumentCache"/> does not run it
/// again for that document.
/// </summary>
public interface IDocumentOnlyValidationRule : IValidationRule;
