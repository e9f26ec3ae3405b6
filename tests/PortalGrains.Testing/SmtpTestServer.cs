using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Net.Sockets;

namespace PortalGrains.Testing;

/// <summary>
/// The SMTP sink of deploy/dev-smtp: accepts every message and lists the received ones over HTTP. Either the shared
/// one test.sh starts (PG_TEST_SMTP_HOST, PG_TEST_SMTP_PORT, PG_TEST_SMTP_API), or an own instance, which a test
/// may plan on a port before starting it (to have the portal find no mail server first).
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private Process? _process;

    private SmtpTestServer(string host, int port, Uri api)
    {
        Host = host;
        Port = port;
        Api = api;
    }

    public static SmtpTestServer Shared { get; } = new(
        Environment.GetEnvironmentVariable("PG_TEST_SMTP_HOST") ?? "127.0.0.1",
        int.Parse(Environment.GetEnvironmentVariable("PG_TEST_SMTP_PORT") ?? "2525", CultureInfo.InvariantCulture),
        new Uri(Environment.GetEnvironmentVariable("PG_TEST_SMTP_API") ?? "http://127.0.0.1:2580"));

    public string Host { get; }

    public int Port { get; }

    public Uri Api { get; }

    /// <summary>An own sink on free ports, not started yet: nothing listens on <see cref="Port"/> until <see cref="StartAsync"/>.</summary>
    public static SmtpTestServer Planned() =>
        new("127.0.0.1", FreePort.Next(), new Uri($"http://127.0.0.1:{FreePort.Next()}"));

    public static async Task<SmtpTestServer> StartOwnAsync()
    {
        var server = Planned();
        await server.StartAsync();
        return server;
    }

    /// <summary>Starts the sink of a <see cref="Planned"/> instance and waits until its API answers.</summary>
    public async Task StartAsync()
    {
        if (ReferenceEquals(this, Shared))
        {
            throw new InvalidOperationException("The shared SMTP sink is started by test.sh.");
        }

        if (_process is not null)
        {
            throw new InvalidOperationException("This SMTP sink is already started.");
        }

        var directory = Path.Combine(DevIdentityProvider.RepositoryRoot(), "deploy", "dev-smtp");
        if (!Directory.Exists(Path.Combine(directory, "node_modules", "smtp-server")))
        {
            throw new InvalidOperationException($"smtp-server is not installed in {directory}; run the tests with ./test.sh, which installs it.");
        }

        var info = new ProcessStartInfo("node", "server.js")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["SMTP_PORT"] = Port.ToString(CultureInfo.InvariantCulture);
        info.Environment["HTTP_PORT"] = Api.Port.ToString(CultureInfo.InvariantCulture);
        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilUpAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Fails with a message that says what to start when the sink does not answer.</summary>
    public async Task WaitUntilUpAsync(TimeSpan timeout) =>
        await Eventually.ReturnsAsync(
            async () => (await Http.GetAsync(new Uri(Api, "/healthz"))).IsSuccessStatusCode && await SmtpAnswersAsync(),
            up => up,
            timeout,
            $"the SMTP sink answering at smtp://{Host}:{Port} and {Api} (run the tests with ./test.sh, which starts it)");

    public async Task<IReadOnlyList<ReceivedEmail>> MessagesAsync() =>
        await Http.GetFromJsonAsync<List<ReceivedEmail>>(new Uri(Api, "/messages")) ?? [];

    /// <summary>The messages to <paramref name="address"/>, waiting until at least <paramref name="count"/> arrived.</summary>
    public async Task<IReadOnlyList<ReceivedEmail>> WaitForMessagesToAsync(string address, int count, TimeSpan timeout, string what) =>
        await Eventually.ReturnsAsync(
            async () => (IReadOnlyList<ReceivedEmail>)[.. (await MessagesAsync()).Where(m => m.To.Contains(address, StringComparer.OrdinalIgnoreCase))],
            messages => messages.Count >= count,
            timeout,
            what);

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
    }

    private async Task<bool> SmtpAnswersAsync()
    {
        using var client = new TcpClient();
        await client.ConnectAsync(Host, Port);
        return true;
    }

    /// <summary>One received message as the sink lists it.</summary>
    public sealed record ReceivedEmail(string? MessageId, string? From, IReadOnlyList<string> To, string Subject, string Text, string? ContentType);
}
