using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using PortalGrains.Testing;

namespace PortalGrains.IntegrationTests.Subscriptions;

/// <summary>
/// A front end's subscription client: the npm graphql-ws or graphql-sse library (tests/subscription-clients/client.mjs)
/// in a node process, whose events arrive here as JSON lines.
/// </summary>
public sealed class SubscriptionClient : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<JsonElement> _events = new();
    private readonly ConcurrentQueue<string> _errors = new();

    private SubscriptionClient(Process process) => _process = process;

    public IReadOnlyList<JsonElement> Events => [.. _events];

    public static SubscriptionClient Start(string transport, Uri portal, string query, string? headerToken = null, string? initToken = null)
    {
        var folder = Path.Combine(DevIdentityProvider.RepositoryRoot(), "tests", "subscription-clients");
        if (!Directory.Exists(Path.Combine(folder, "node_modules")))
        {
            throw new InvalidOperationException($"{folder} has no node_modules: run the tests with ./test.sh, which installs them (npm install there).");
        }

        var info = new ProcessStartInfo("node")
        {
            ArgumentList = { Path.Combine(folder, "client.mjs"), transport, new Uri(portal, "/graphql").ToString(), query },
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (headerToken is not null)
        {
            info.ArgumentList.Add("--header-token");
            info.ArgumentList.Add(headerToken);
        }

        if (initToken is not null)
        {
            info.ArgumentList.Add("--init-token");
            info.ArgumentList.Add(initToken);
        }

        var process = new Process { StartInfo = info };
        var client = new SubscriptionClient(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (!string.IsNullOrWhiteSpace(e.Data))
            {
                client._events.Enqueue(JsonDocument.Parse(e.Data).RootElement.Clone());
            }
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { client._errors.Enqueue(e.Data); } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return client;
    }

    /// <summary>Starts one more subscription on the same client.</summary>
    public async Task SubscribeAsync(string id, string query)
    {
        await _process.StandardInput.WriteLineAsync(JsonSerializer.Serialize(new { id, query }));
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>The statuses the subscription <paramref name="id"/> received for access request <paramref name="requestId"/>, in order.</summary>
    public IReadOnlyList<string> StatusesOf(string requestId, string id = "1") =>
        [.. Nexts(id).Select(n => n.GetProperty("payload").GetProperty("data").GetProperty("accessRequestChanged"))
            .Where(r => r.GetProperty("id").GetString() == requestId)
            .Select(r => r.GetProperty("status").GetString()!)];

    /// <summary>The ids of every access request the subscription <paramref name="id"/> was told about.</summary>
    public IReadOnlyList<string> RequestIds(string id = "1") =>
        [.. Nexts(id).Select(n => n.GetProperty("payload").GetProperty("data").GetProperty("accessRequestChanged").GetProperty("id").GetString()!)];

    public IEnumerable<JsonElement> Nexts(string id = "1") =>
        Events.Where(e => e.GetProperty("event").GetString() == "next" && e.GetProperty("id").GetString() == id);

    public int? CloseCode => Events.Where(e => e.GetProperty("event").GetString() == "closed")
        .Select(e => (int?)e.GetProperty("code").GetInt32()).FirstOrDefault();

    public async Task WaitUntilAsync(Func<SubscriptionClient, bool> condition, TimeSpan deadline, string what) =>
        await Eventually.AssertAsync(() => Task.FromResult(condition(this)), deadline, $"{what}; events: {Describe()}");

    public string Describe() => string.Join("\n", Events.Select(e => e.GetRawText())) + "\nstderr: " + string.Join("\n", _errors.Take(5));

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
