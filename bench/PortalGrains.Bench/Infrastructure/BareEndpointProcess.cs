namespace PortalGrains.Bench.Infrastructure;

/// <summary>This tool's <c>serve-bare</c> command as a child process answering with given bytes.</summary>
public sealed class BareEndpointProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;
    private readonly string _answerFile;

    private BareEndpointProcess(ChildProcess process, string answerFile, Uri graphQLUrl)
    {
        _process = process;
        _answerFile = answerFile;
        GraphQLUrl = graphQLUrl;
    }

    public Uri GraphQLUrl { get; }

    public static async Task<BareEndpointProcess> StartAsync(byte[] answer)
    {
        var answerFile = Path.GetTempFileName();
        await File.WriteAllBytesAsync(answerFile, answer);
        var self = typeof(BareEndpointProcess).Assembly.Location;
        var process = ChildProcess.Start("dotnet", [self, "serve-bare", "--answer", answerFile],
            new Dictionary<string, string> { ["DOTNET_NOLOGO"] = "1", ["DOTNET_gcServer"] = "1" });
        var line = await process.WaitForLineAsync(l => l.StartsWith(BareEndpoint.ListeningPrefix, StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        var address = new Uri(line[BareEndpoint.ListeningPrefix.Length..].Trim());
        return new BareEndpointProcess(process, answerFile, new Uri(address, "/graphql"));
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        File.Delete(_answerFile);
    }
}
