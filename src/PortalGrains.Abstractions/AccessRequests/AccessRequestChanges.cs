namespace PortalGrains.Abstractions.AccessRequests;

/// <summary>
/// The Orleans stream every access request grain publishes its changed request on (an <see cref="AccessRequestView"/>
/// after each stored change). Each silo subscribes to it once and fans the changes out to its live subscriptions.
/// </summary>
public static class AccessRequestChanges
{
    /// <summary>The stream provider's name (memory streams, with their pub/sub state in the configured grain storage).</summary>
    public const string StreamProvider = "PortalEvents";

    public const string StreamNamespace = "access-request-changes";

    /// <summary>The key of the one stream all changes go to.</summary>
    public const string StreamKey = "all";
}
