using PortalGrains.IntegrationTests.Infrastructure;

namespace PortalGrains.IntegrationTests.Security;

/// <summary>One row of the authorization matrix: a caller sends one operation and the answer is checked.</summary>
/// <param name="Name">The row's name, shown as the test case.</param>
/// <param name="Caller">Who sends it.</param>
/// <param name="Query">The GraphQL document.</param>
/// <param name="Variables">Its variables, from the world's ids.</param>
/// <param name="Expect">Checks the answer.</param>
/// <param name="Unchanged">
/// For a refused change: reads what the operation targets; the reading after the request must equal the one before.
/// </param>
public sealed record AuthorizationCase(
    string Name,
    MatrixCaller Caller,
    string Query,
    Func<AuthorizationWorld, object?> Variables,
    Func<GraphQLResponse, AuthorizationWorld, Task> Expect,
    Func<AuthorizationWorld, Task<string>>? Unchanged = null)
{
    public override string ToString() => Name;
}
