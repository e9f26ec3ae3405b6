namespace PortalGrains.Abstractions.Common;

/// <summary>
/// How a failure message quotes the id that ties it to the server log and the audit: "(reference …)", the wording
/// developers and admins see everywhere (GraphQL errors, failed access requests, e-mail).
/// </summary>
public static class FailureReference
{
    /// <summary>"(reference <paramref name="reference"/>)".</summary>
    public static string Of(string reference) => $"(reference {reference})";

    /// <summary>The message followed by its reference, unless there is none or the message already names it.</summary>
    public static string Format(string message, string? reference) =>
        reference is null || message.Contains(reference, StringComparison.Ordinal) ? message : $"{message} {Of(reference)}";
}
