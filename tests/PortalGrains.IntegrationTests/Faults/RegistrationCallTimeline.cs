using System.Globalization;
using PortalGrains.IdentityProviders.Registration;

namespace PortalGrains.IntegrationTests.Faults;

/// <summary>
/// The registration-endpoint calls (register, read, update, delete, rotate) a <see cref="FaultProxy"/> saw, each
/// attributed to the portal application whose client it concerns, and which of them were in flight at the IdP at the
/// same time. An exchange is in flight over [<see cref="ProxiedExchange.Started"/>, <see cref="ProxiedExchange.Ended"/>).
/// </summary>
public sealed class RegistrationCallTimeline
{
    private RegistrationCallTimeline(
        IReadOnlyList<ProxiedExchange> calls, IReadOnlyDictionary<string, IReadOnlyList<ProxiedExchange>> byApplication,
        IReadOnlyList<ProxiedExchange> unattributed)
    {
        Calls = calls;
        ByApplication = byApplication;
        Unattributed = unattributed;
    }

    /// <summary>Every registration-endpoint call that ended, by start.</summary>
    public IReadOnlyList<ProxiedExchange> Calls { get; }

    /// <summary>The calls of each application, by start.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<ProxiedExchange>> ByApplication { get; }

    /// <summary>Calls whose application could not be told: no tagged client_name, and a client id no registration answer named.</summary>
    public IReadOnlyList<ProxiedExchange> Unattributed { get; }

    /// <summary>
    /// Reads the ended registration-endpoint calls of <paramref name="exchanges"/>. A call names its application by the
    /// "[portal:{applicationId}]" tag of the client_name it sends (registration POST, PUT); a read or delete by its
    /// client id, which the answer to that client's registration POST mapped to the tag of that POST.
    /// </summary>
    public static RegistrationCallTimeline Of(IEnumerable<ProxiedExchange> exchanges)
    {
        var calls = exchanges.Where(e => e.IsRegistrationCall && e.Ended is not null).OrderBy(e => e.Started).ToList();
        var applicationOfClient = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var call in calls)
        {
            if (call.ClientId is { } clientId && PortalClientTag.ApplicationIdFromClientName(call.ClientName) is { } applicationId)
            {
                applicationOfClient.TryAdd(clientId, applicationId);
            }
        }

        var byApplication = new Dictionary<string, List<ProxiedExchange>>(StringComparer.Ordinal);
        var unattributed = new List<ProxiedExchange>();
        foreach (var call in calls)
        {
            var applicationId = PortalClientTag.ApplicationIdFromClientName(call.ClientName)
                ?? (call.ClientId is { } clientId ? applicationOfClient.GetValueOrDefault(clientId) : null);
            if (applicationId is null)
            {
                unattributed.Add(call);
                continue;
            }

            if (!byApplication.TryGetValue(applicationId, out var ofApplication))
            {
                byApplication[applicationId] = ofApplication = [];
            }

            ofApplication.Add(call);
        }

        return new RegistrationCallTimeline(
            calls, byApplication.ToDictionary(a => a.Key, a => (IReadOnlyList<ProxiedExchange>)a.Value, StringComparer.Ordinal), unattributed);
    }

    /// <summary>The most of <paramref name="calls"/> in flight at one instant.</summary>
    public static int MaxInFlight(IEnumerable<ProxiedExchange> calls)
    {
        // Half-open intervals: at equal times an end is counted before a start, so back-to-back calls are not an overlap.
        var events = calls.SelectMany(c => new[] { (At: c.Started, Change: 1), (At: c.Ended!.Value, Change: -1) })
            .OrderBy(e => e.At).ThenBy(e => e.Change);
        var inFlight = 0;
        var max = 0;
        foreach (var (_, change) in events)
        {
            inFlight += change;
            max = Math.Max(max, inFlight);
        }

        return max;
    }

    /// <summary>Every pair of <paramref name="calls"/> whose intervals intersect, the earlier-started first.</summary>
    public static IReadOnlyList<(ProxiedExchange Earlier, ProxiedExchange Later)> Overlaps(IEnumerable<ProxiedExchange> calls)
    {
        var ordered = calls.OrderBy(c => c.Started).ToList();
        var overlaps = new List<(ProxiedExchange, ProxiedExchange)>();
        for (var i = 0; i < ordered.Count; i++)
        {
            for (var j = i + 1; j < ordered.Count && ordered[j].Started < ordered[i].Ended!.Value; j++)
            {
                overlaps.Add((ordered[i], ordered[j]));
            }
        }

        return overlaps;
    }

    /// <summary>One call as a failure message shows it: method, path, client, [start, end) and status.</summary>
    public static string Describe(ProxiedExchange call) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{call.Method} {call.Path} (client {call.ClientId ?? "?"}) [{call.Started:HH:mm:ss.ffffff}, {call.Ended:HH:mm:ss.ffffff}) "
            + $"-> {call.Status?.ToString(CultureInfo.InvariantCulture) ?? "dropped"}");
}
