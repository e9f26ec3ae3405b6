using PortalGrains.IntegrationTests.Infrastructure;

namespace PortalGrains.IntegrationTests.Security;

/// <summary>What one caller's row of an operation expects, and what a refused change must leave as it was.</summary>
public sealed record Outcome(Func<GraphQLResponse, AuthorizationWorld, Task> Expect, Func<AuthorizationWorld, Task<string>>? Unchanged = null);
