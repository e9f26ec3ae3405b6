using System.Collections.Concurrent;
using System.Text.Json;
using PortalGrains.Testing;

namespace PortalGrains.Operations.Tests.Infrastructure;

/// <summary>
/// Continuous traffic through the balancer, as portal users make it: each worker is a developer who reads the
/// catalogue and checks out new applications, and an admin approves what they requested. Every answer that is not a
/// 200 without GraphQL or user errors counts as failed. Runs until <see cref="StopAsync"/>; a request in flight is
/// always completed, never cancelled.
/// </summary>
public sealed class MixedLoad : IAsyncDisposable
{
    private const int MaxRecordedFailures = 20;
    private readonly PortalApi _api;
    private readonly PortalCatalogue _catalogue;
    private readonly ConcurrentQueue<string> _pending = new();
    private readonly ConcurrentBag<string> _approved = [];
    private readonly ConcurrentQueue<string> _failures = new();
    private readonly List<Task> _workers = [];
    private volatile bool _stopping;
    private int _sent;
    private int _failed;
    private int _reads;
    private int _checkouts;
    private int _approvals;
    private int _sequence;

    private MixedLoad(PortalApi api, PortalCatalogue catalogue)
    {
        _api = api;
        _catalogue = catalogue;
    }

    /// <summary>Requests answered so far (failed or not).</summary>
    public int Completed => Volatile.Read(ref _sent);

    public static async Task<MixedLoad> StartAsync(PortalApi api, PortalCatalogue catalogue, DevIdentityProvider idp, int workers)
    {
        var load = new MixedLoad(api, catalogue);
        for (var i = 0; i < workers; i++)
        {
            var developer = await idp.LoginTokenAsync($"dev{i}-{catalogue.Suffix}", $"dev{i}@example.com");
            load._workers.Add(Task.Run(() => load.RunWorkerAsync(developer)));
        }

        return load;
    }

    /// <summary>Waits until <paramref name="count"/> more requests have been answered.</summary>
    public async Task RunForAsync(int count, TimeSpan timeout)
    {
        var target = Completed + count;
        await Eventually.ReturnsAsync(() => Task.FromResult(Completed), done => done >= target, timeout, $"{count} more requests under load");
    }

    public async Task<LoadReport> StopAsync()
    {
        _stopping = true;
        await Task.WhenAll(_workers);
        return new LoadReport(_sent, _failed, _reads, _checkouts, _approvals, [.. _approved], [.. _failures]);
    }

    public async ValueTask DisposeAsync()
    {
        _stopping = true;
        await Task.WhenAll(_workers);
    }

    private async Task RunWorkerAsync(string developerToken)
    {
        var step = 0;
        while (!_stopping)
        {
            switch (step++ % 3)
            {
                case 0:
                    await SendAsync("catalogue", PortalCatalogue.CatalogueQuery, null, developerToken, ref _reads, _ => { });
                    break;
                case 1:
                    var sequence = Interlocked.Increment(ref _sequence);
                    await SendAsync("checkout", PortalCatalogue.CheckoutMutation, _catalogue.CheckoutVariables(sequence), developerToken, ref _checkouts,
                        answer => _pending.Enqueue(answer.Payload("checkout").GetProperty("accessRequest").GetProperty("id").GetString()!));
                    break;
                default:
                    if (_pending.TryDequeue(out var requestId))
                    {
                        await SendAsync("approve", PortalCatalogue.ApproveMutation, new { input = new { id = requestId } }, _catalogue.AdminToken,
                            ref _approvals, answer =>
                            {
                                answer.Payload("approveAccessRequest");
                                _approved.Add(requestId);
                            });
                    }

                    break;
            }
        }
    }

    private Task SendAsync(string operation, string query, object? variables, string token, ref int counter, Action<GraphQLAnswer> onAnswer)
    {
        Interlocked.Increment(ref counter);
        return SendCoreAsync(operation, query, variables, token, onAnswer);
    }

    private async Task SendCoreAsync(string operation, string query, object? variables, string token, Action<GraphQLAnswer> onAnswer)
    {
        try
        {
            var answer = await _api.SendAsync(query, variables, token);
            if (answer.Status != 200 || answer.HasErrors)
            {
                Fail($"{operation}: {Shorten(answer.ToString())}");
            }
            else
            {
                onAnswer(answer);
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException or JsonException or KeyNotFoundException)
        {
            Fail($"{operation}: {e.GetType().Name}: {Shorten(e.Message)}");
        }
        finally
        {
            Interlocked.Increment(ref _sent);
        }
    }

    private void Fail(string description)
    {
        Interlocked.Increment(ref _failed);
        if (_failures.Count < MaxRecordedFailures)
        {
            _failures.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {description}");
        }
    }

    private static string Shorten(string text) => text.Length <= 400 ? text : text[..400] + "...";
}
