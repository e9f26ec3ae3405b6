using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace PortalGrains.Bench.Infrastructure;

/// <summary>
/// The ceiling the portal is compared with: a minimal ASP.NET Core endpoint that answers POST /graphql with fixed
/// bytes from memory (same HTTP stack and body sizes; no authentication, no GraphQL, no grains). It runs in its own
/// process (<c>serve-bare</c>), like the portal, so that neither shares a process with the load generator.
/// </summary>
public static class BareEndpoint
{
    public const string ListeningPrefix = "bare endpoint listening at ";

    /// <summary>Serves <paramref name="answerFile"/> until the process is stopped; prints its address first.</summary>
    public static async Task<int> ServeAsync(string answerFile)
    {
        var answer = await File.ReadAllBytesAsync(answerFile);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/graphql", async (HttpContext context) =>
        {
            // Read the request as the portal does, then answer from memory.
            await context.Request.Body.CopyToAsync(Stream.Null);
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(answer);
        });
        app.MapGet("/healthz", () => "ok");
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Console.WriteLine(ListeningPrefix + address);
        await app.WaitForShutdownAsync();
        return 0;
    }
}
