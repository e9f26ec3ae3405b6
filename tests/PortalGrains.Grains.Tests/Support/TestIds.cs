using PortalGrains.Abstractions.Common;

namespace PortalGrains.Grains.Tests.Support;

/// <summary>Fresh keys for every test, so that tests never see each other's grains.</summary>
public static class TestIds
{
    public static string New(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    public static Caller Admin() => new(New("admin"), IsAdmin: true);

    public static Caller Developer() => new(New("dev"), IsAdmin: false);
}
