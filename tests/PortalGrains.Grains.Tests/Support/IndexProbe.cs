using PortalGrains.Abstractions.AccessRequests;

namespace PortalGrains.Grains.Tests.Support;

public static class IndexProbe
{
    /// <summary>Whether the index under <paramref name="key"/> lists the request, paging through all of it.</summary>
    public static async Task<bool> ContainsAsync(IClusterClient client, string key, string accessRequestId)
    {
        var index = client.GetGrain<IAccessRequestIndexGrain>(key);
        string? after = null;
        while (true)
        {
            var page = await index.PageAsync(200, after);
            if (page.Ids.Contains(accessRequestId))
            {
                return true;
            }

            if (!page.HasNextPage)
            {
                return false;
            }

            after = page.EndCursor;
        }
    }
}
