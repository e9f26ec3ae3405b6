using Microsoft.Extensions.Logging;

namespace PortalGrains.IdentityProviders.Tests.Http.Support;

public sealed record CapturedLog(string Category, LogLevel Level, EventId EventId, string Message);
