using Microsoft.Extensions.Logging;
using Orleans.Streams;
using PortalGrains.Abstractions.AccessRequests;

namespace PortalGrains.Grains.AccessRequests;

/// <summary>
/// Publishes a stored change of an access request on <see cref="AccessRequestChanges"/>. Live subscriptions are a
/// courtesy: a failure to publish is logged and never undoes or fails the change (a subscriber reads the request again).
/// </summary>
internal static class AccessRequestChangePublisher
{
    public static async Task PublishAsync(Grain grain, AccessRequestView request, ILogger logger)
    {
        try
        {
            var stream = grain.GetStreamProvider(AccessRequestChanges.StreamProvider)
                .GetStream<AccessRequestView>(StreamId.Create(AccessRequestChanges.StreamNamespace, AccessRequestChanges.StreamKey));
            await stream.OnNextAsync(request);
        }
        catch (Exception e)
        {
            AccessRequestLog.ChangeNotPublished(logger, e, request.Id, request.Status);
        }
    }
}
