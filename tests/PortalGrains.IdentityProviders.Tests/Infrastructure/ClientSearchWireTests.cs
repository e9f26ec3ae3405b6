namespace PortalGrains.IdentityProviders.Tests.Infrastructure;

/// <summary>What every driver's client search does when the listing never answers or answers something else than a list.</summary>
public abstract class ClientSearchWireTests : VendorWireTests
{
    protected const string ClientName = "Orders reporting [portal:app-1]";

    /// <summary>The path of the vendor's client listing.</summary>
    protected abstract string ListingPath { get; }

    /// <summary>A JSON body that is not the vendor's listing of clients.</summary>
    protected abstract object NotAListing { get; }

    protected abstract ITaggedClientSearch Search { get; }

    protected abstract IdentityProviderConnection Connection();

    protected Task<IReadOnlyList<TaggedClient>> FindClientsOfApp1Async() =>
        Search.FindClientsOfApplicationAsync(Connection(), "app-1", ClientName);

    [Fact]
    public async Task A_listing_whose_answer_never_arrives_is_transient()
    {
        Server.Given(Request.Create().WithPath(ListingPath).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithDelay(TimeSpan.FromSeconds(2)));
        Http.Timeout = TimeSpan.FromMilliseconds(300);

        var error = await Assert.ThrowsAsync<IdentityProviderException>(FindClientsOfApp1Async);

        Assert.Equal(IdentityProviderErrorKind.Transient, error.Kind);
    }

    [Fact]
    public async Task An_answer_that_is_not_a_list_of_clients_is_an_invalid_response()
    {
        Answer(Request.Create().WithPath(ListingPath).UsingGet(), 200, NotAListing);

        var error = await Assert.ThrowsAsync<IdentityProviderException>(FindClientsOfApp1Async);

        Assert.Equal(IdentityProviderErrorKind.Permanent, error.Kind);
        Assert.Equal(IdentityProviderMessages.InvalidResponse, error.DeveloperMessage);
    }
}
