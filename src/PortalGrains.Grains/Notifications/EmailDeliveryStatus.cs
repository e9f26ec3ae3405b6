namespace PortalGrains.Grains.Notifications;

public enum EmailDeliveryStatus
{
    /// <summary>The mail server accepted the message (RFC 5321 §4.2.1: a 2yz reply to DATA).</summary>
    Accepted,

    /// <summary>The mail server refused it for good (a 5yz reply): sending it again would fail again.</summary>
    Rejected,

    /// <summary>Not delivered this time (no connection, a 4yz reply, a time-out): to be sent again later.</summary>
    Deferred,
}
