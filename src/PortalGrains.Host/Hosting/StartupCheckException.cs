namespace PortalGrains.Host.Hosting;

/// <summary>A dependency the host needs is missing or unreachable; the message says what to start or set.</summary>
public sealed class StartupCheckException(string message) : Exception(message);
