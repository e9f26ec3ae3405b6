namespace PortalGrains.IdentityProviders.Tests.Http.Support;

/// <summary>An answer of <see cref="ScriptedHttpServer"/>; <see cref="Hang"/> reads the request and never answers.</summary>
public sealed record ScriptedResponse(int Status, string Body = "{}", IReadOnlyDictionary<string, string>? Headers = null)
{
    public static ScriptedResponse Hang { get; } = new(0);
}
