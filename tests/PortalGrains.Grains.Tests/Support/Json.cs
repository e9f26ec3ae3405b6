using System.Text.Json;

namespace PortalGrains.Grains.Tests.Support;

/// <summary>
/// Compares records by content: records holding an ImmutableArray compare the arrays by reference, which differ
/// after a grain call copied them.
/// </summary>
public static class Json
{
    public static void AssertSame<T>(T? expected, T? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(JsonSerializer.Serialize(expected), JsonSerializer.Serialize(actual));
    }
}
