namespace PortalGrains.IdentityProviders.Tests.Http.Support;

/// <summary>A request as the server read it off the wire.</summary>
public sealed record ReceivedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body);
