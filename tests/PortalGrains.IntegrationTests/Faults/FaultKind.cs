namespace PortalGrains.IntegrationTests.Faults;

/// <summary>What a <see cref="FaultProxy"/> does to a request a <see cref="FaultRule"/> matches.</summary>
public enum FaultKind
{
    /// <summary>Answers with a server error (one of the rule's statuses) without forwarding: the IdP never sees the request.</summary>
    ServerError,

    /// <summary>Forwards the request, then holds the IdP's answer for the rule's delay before relaying it.</summary>
    DelayResponse,

    /// <summary>Forwards the request, then relays the IdP's status with the first half of its JSON body.</summary>
    MalformedJson,

    /// <summary>Forwards the request, then relays the IdP's JSON answer with another "issuer".</summary>
    MismatchedIssuer,

    /// <summary>
    /// Forwards the request (the IdP acts on it), then closes the connection without relaying a byte of the answer:
    /// the caller cannot know whether the IdP acted.
    /// </summary>
    DropResponse,
}
