using PortalGrains.Grains.AccessRequests;

namespace PortalGrains.Grains.Tests.AccessRequests;

public sealed class AccessRequestCursorTests
{
    [Fact]
    public void Round_trips_time_and_id()
    {
        var entry = new AccessRequestIndexEntry("req:with:colons", new DateTimeOffset(2031, 5, 6, 7, 8, 9, 123, TimeSpan.FromHours(2)));

        Assert.True(AccessRequestCursor.TryDecode(AccessRequestCursor.Encode(entry), out var decoded));

        Assert.Equal(entry.Id, decoded.Id);
        Assert.Equal(entry.CreatedAt.UtcTicks, decoded.CreatedAt.UtcTicks);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64 !")]
    [InlineData("MTIz")] // "123": no id
    [InlineData("eDpyZXE")] // "x:req": no ticks
    [InlineData("LTE6cmVx")] // "-1:req"
    public void Refuses_what_it_did_not_produce(string cursor) => Assert.False(AccessRequestCursor.TryDecode(cursor, out _));
}
