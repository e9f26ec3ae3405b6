using PortalGrains.Abstractions.Common;
using PortalGrains.Abstractions.Developers;
using PortalGrains.Grains.Tests.Support;

namespace PortalGrains.Grains.Tests.Developers;

[Collection(ClusterCollection.Name)]
public sealed class DeveloperGrainTests(ClusterFixture fixture)
{
    private IDeveloperGrain NewDeveloper(out string id)
    {
        id = TestIds.New("sub");
        return fixture.Client.GetGrain<IDeveloperGrain>(id);
    }

    [Fact]
    public async Task Has_no_profile_before_first_use()
    {
        Assert.Null(await NewDeveloper(out _).GetAsync());
    }

    [Fact]
    public async Task Creates_the_profile_from_the_claims_on_first_use()
    {
        var developer = NewDeveloper(out var id);

        var profile = await developer.GetOrCreateAsync(" ada@example.com ", "Ada Lovelace");

        Assert.Equal(id, profile.Id);
        Assert.Equal("ada@example.com", profile.Email);
        Assert.Equal("Ada Lovelace", profile.Name);
        Assert.Empty(profile.ApplicationIds);
        Assert.Empty(profile.AccessRequestIds);
        Assert.Equal(profile, await developer.GetAsync(), ProfileComparer);
    }

    [Fact]
    public async Task Claims_fill_blanks_later_but_never_overwrite()
    {
        var developer = NewDeveloper(out _);
        var created = await developer.GetOrCreateAsync(null, "Grace");

        var filled = await developer.GetOrCreateAsync("grace@example.com", "Another Name");

        Assert.Equal("grace@example.com", filled.Email);
        Assert.Equal("Grace", filled.Name);
        Assert.Equal(created.CreatedAt, filled.CreatedAt);
    }

    [Fact]
    public async Task Leaves_out_claims_that_would_not_pass_as_input()
    {
        var profile = await NewDeveloper(out _).GetOrCreateAsync("not-an-address", new string('n', 201));

        Assert.Null(profile.Email);
        Assert.Null(profile.Name);
    }

    [Fact]
    public async Task Updates_the_profile()
    {
        var developer = NewDeveloper(out _);
        await developer.GetOrCreateAsync("old@example.com", "Old");

        var result = await developer.UpdateProfileAsync("new@example.com", null);

        Assert.True(result.Succeeded);
        Assert.Equal("new@example.com", result.Value!.Email);
        Assert.Equal("Old", result.Value.Name);
        Assert.Equal("new@example.com", (await developer.GetAsync())!.Email);
    }

    [Fact]
    public async Task An_empty_field_clears_it()
    {
        var developer = NewDeveloper(out _);
        await developer.GetOrCreateAsync("old@example.com", "Old");

        var result = await developer.UpdateProfileAsync(null, "");

        Assert.Null(result.Value!.Name);
        Assert.Equal("old@example.com", result.Value.Email);
    }

    [Theory]
    [InlineData("not-an-address", null, UserErrorCodes.Invalid, "email")]
    [InlineData("a@b", null, UserErrorCodes.Invalid, "email")]
    [InlineData(null, "__LONG_NAME__", UserErrorCodes.TooLong, "name")]
    [InlineData("__LONG_EMAIL__", null, UserErrorCodes.TooLong, "email")]
    public async Task Refuses_an_invalid_profile_and_stores_nothing(string? email, string? name, string code, string field)
    {
        email = email == "__LONG_EMAIL__" ? new string('a', 250) + "@example.com" : email;
        name = name == "__LONG_NAME__" ? new string('n', 201) : name;
        var developer = NewDeveloper(out _);
        var before = await developer.GetOrCreateAsync("kept@example.com", "Kept");

        var result = await developer.UpdateProfileAsync(email, name);

        var error = Assert.Single(result.Errors);
        Assert.Equal(code, error.Code);
        Assert.Equal(["input", field], error.Field.ToArray());
        Assert.Equal(before, await developer.GetAsync(), ProfileComparer);
    }

    [Fact]
    public async Task Adds_and_removes_application_ids_idempotently()
    {
        var developer = NewDeveloper(out _);
        await developer.GetOrCreateAsync(null, null);

        await developer.AddApplicationAsync("app-1");
        await developer.AddApplicationAsync("app-2");
        await developer.AddApplicationAsync("app-1");
        await developer.RemoveApplicationAsync("app-2");
        await developer.RemoveApplicationAsync("app-2");
        await developer.RemoveApplicationAsync("never-added");

        Assert.Equal(["app-1"], (await developer.GetAsync())!.ApplicationIds.ToArray());
    }

    [Fact]
    public async Task Adds_access_request_ids_idempotently_and_in_order()
    {
        var developer = NewDeveloper(out _);

        await developer.AddAccessRequestAsync("req-1");
        await developer.AddAccessRequestAsync("req-2");
        await developer.AddAccessRequestAsync("req-1");

        var profile = await developer.GetAsync();
        Assert.NotNull(profile);
        Assert.Equal(["req-1", "req-2"], profile.AccessRequestIds.ToArray());
    }

    private static readonly IEqualityComparer<DeveloperProfile?> ProfileComparer = EqualityComparer<DeveloperProfile?>.Create(
        (a, b) => a is not null && b is not null && a.Id == b.Id && a.Email == b.Email && a.Name == b.Name && a.CreatedAt == b.CreatedAt
            && a.ApplicationIds.SequenceEqual(b.ApplicationIds) && a.AccessRequestIds.SequenceEqual(b.AccessRequestIds));
}
