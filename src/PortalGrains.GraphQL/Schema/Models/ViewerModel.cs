using PortalGrains.Abstractions.Developers;
using PortalGrains.GraphQL.Auth;

namespace PortalGrains.GraphQL.Schema.Models;

/// <summary>The caller as <c>Viewer</c>: token identity and the developer profile.</summary>
public sealed record ViewerModel(PortalUser User, DeveloperProfile Profile);
