using System.Text.Json;

namespace PortalGrains.Operations.Tests.Infrastructure;

/// <summary>Where approved access requests ended: every one should become ACTIVE.</summary>
public static class ApprovalOutcomes
{
    /// <summary>
    /// Polls the approved requests until all are ACTIVE or the deadline passes; returns those that are not, with
    /// their status (FAILED = lost, PENDING/PROVISIONING = stuck).
    /// </summary>
    public static async Task<IReadOnlyList<string>> NotActiveAsync(PortalApi api, string adminToken, IReadOnlyCollection<string> requestIds, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var remaining = requestIds.ToList();
        var statuses = new Dictionary<string, string>();
        while (true)
        {
            var results = await Task.WhenAll(remaining.Chunk(Math.Max(1, remaining.Count / 8 + 1)).Select(async chunk =>
            {
                var chunkResults = new List<(string Id, string Status)>();
                foreach (var id in chunk)
                {
                    chunkResults.Add((id, await StatusAsync(api, adminToken, id)));
                }

                return chunkResults;
            }));
            statuses = results.SelectMany(r => r).ToDictionary(r => r.Id, r => r.Status);
            remaining = [.. statuses.Where(s => s.Value != "ACTIVE").Select(s => s.Key)];
            if (remaining.Count == 0 || DateTime.UtcNow >= deadline)
            {
                return [.. remaining.Select(id => $"{id}: {statuses[id]}")];
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
    }

    private static async Task<string> StatusAsync(PortalApi api, string adminToken, string id)
    {
        try
        {
            var answer = await api.SendAsync(PortalCatalogue.AccessRequestQuery, new { id }, adminToken);
            var request = answer.At("accessRequest");
            if (request.ValueKind == JsonValueKind.Null)
            {
                return "missing";
            }

            var status = request.GetProperty("status").GetString()!;
            return request.TryGetProperty("failureReason", out var reason) && reason.ValueKind == JsonValueKind.String
                ? $"{status} ({reason.GetString()})"
                : status;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException)
        {
            return "unreadable: " + e.Message;
        }
    }
}
