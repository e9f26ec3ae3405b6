using PortalGrains.Grains.Common;

namespace PortalGrains.Grains.Tests.Common;

public sealed class SharedStringsTests
{
    /// <summary>A string equal to <paramref name="text"/> in a new instance, as a deserializer produces it.</summary>
    private static string Copy(string text) => new(text.AsSpan());

    [Fact]
    public void Equal_strings_come_back_as_the_first_instance_seen()
    {
        var pool = new SharedStrings();
        var first = Copy("client_secret_basic");
        var second = Copy("client_secret_basic");
        Assert.NotSame(first, second);

        Assert.Same(first, pool.Share(first));
        Assert.Same(first, pool.Share(second));
        Assert.Equal(1, pool.Count);
    }

    [Fact]
    public void Strings_longer_than_the_limit_are_returned_as_given_and_not_kept()
    {
        var pool = new SharedStrings(maxEntries: 10, maxLength: 8);
        var atLimit = Copy("12345678");
        var tooLong = Copy("123456789");

        Assert.Same(atLimit, pool.Share(atLimit));
        Assert.Same(atLimit, pool.Share(Copy("12345678")));
        Assert.Same(tooLong, pool.Share(tooLong));
        Assert.NotSame(tooLong, pool.Share(Copy("123456789")));
        Assert.Equal(1, pool.Count);
    }

    [Fact]
    public void Once_full_it_keeps_what_it_holds_and_returns_new_strings_as_given()
    {
        var pool = new SharedStrings(maxEntries: 3);
        var held = Enumerable.Range(0, 3).Select(i => pool.Share(Copy($"value {i}"))).ToList();

        var extra = Copy("value 3");
        Assert.Same(extra, pool.Share(extra));
        Assert.NotSame(extra, pool.Share(Copy("value 3")));
        Assert.Equal(3, pool.Count);
        Assert.All(held, h => Assert.Same(h, pool.Share(Copy(h))));
    }

    [Fact]
    public void Concurrent_callers_never_take_it_beyond_its_bound()
    {
        var pool = new SharedStrings(maxEntries: 50);

        Parallel.For(0, 8, _ =>
        {
            foreach (var i in Enumerable.Range(0, 200))
            {
                pool.Share(Copy($"value {i % 100}"));
            }
        });

        Assert.Equal(50, pool.Count);
        var held = Enumerable.Range(0, 100).Count(i => ReferenceEquals(pool.Share(Copy($"value {i}")), pool.Share(Copy($"value {i}"))));
        Assert.Equal(50, held);
    }

    [Fact]
    public void Null_and_empty_pass_through()
    {
        var pool = new SharedStrings();

        Assert.Null(pool.Share(null));
        Assert.Same(string.Empty, pool.Share(Copy("")));
        Assert.Equal(0, pool.Count);
    }

    [Fact]
    public void ShareAll_replaces_each_item_with_its_shared_instance()
    {
        var pool = new SharedStrings();
        var first = new List<string> { Copy("client_credentials"), Copy("refresh_token") };
        var second = new List<string> { Copy("client_credentials"), Copy("refresh_token") };

        pool.ShareAll(first);
        pool.ShareAll(second);

        Assert.Same(first[0], second[0]);
        Assert.Same(first[1], second[1]);
    }
}
