using PortalGrains.Abstractions.Common;
using PortalGrains.Grains.Validation;

namespace PortalGrains.Grains.Tests.Validation;

public sealed class EmailAddressRulesTests
{
    [Theory]
    [InlineData("dev@example.com")]
    [InlineData("first.last+tag@mail.example.co.uk")]
    public void Accepts_plausible_addresses(string address) => Assert.True(EmailAddressRules.IsPlausible(address));

    [Theory]
    [InlineData("dev")]
    [InlineData("@example.com")]
    [InlineData("dev@")]
    [InlineData("dev@example")]
    [InlineData("dev@@example.com")]
    [InlineData("a@b@example.com")]
    [InlineData("dev @example.com")]
    [InlineData("dev@.example.com")]
    [InlineData("dev@example.com.")]
    [InlineData("dev@example..com")]
    public void Refuses_implausible_addresses(string address) => Assert.False(EmailAddressRules.IsPlausible(address));

    [Fact]
    public void Refuses_addresses_longer_than_254_characters()
    {
        var domain = "@example.com";
        var atLimit = new string('a', InputLimits.MaxEmailLength - domain.Length) + domain;

        Assert.True(EmailAddressRules.IsPlausible(atLimit));
        Assert.False(EmailAddressRules.IsPlausible("a" + atLimit));
    }
}
