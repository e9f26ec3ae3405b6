using Microsoft.Extensions.Options;
using PortalGrains.Host.Configuration;

namespace PortalGrains.Host.Hosting;

public static class PortalHostRunner
{
    /// <summary>
    /// Checks the configured dependencies, then runs the host. A start-up failure ends the process with
    /// one line on standard error that says what to start or set.
    /// </summary>
    public static async Task<int> RunPortalAsync(this WebApplication app)
    {
        // Read now: RunAsync disposes the host's services when start-up fails, and app.Lifetime would then throw
        // inside the exception filters below.
        var started = app.Lifetime.ApplicationStarted;
        try
        {
            var orleans = SiloHostingExtensions.ReadOrleansOptions(app.Configuration);
            await DependencyPreflight.CheckAsync(orleans, PortalConnectionStrings.From(app.Configuration), app.Lifetime.ApplicationStopping);
            await app.RunAsync();
            return 0;
        }
        catch (StartupCheckException e)
        {
            await Console.Error.WriteLineAsync($"PortalGrains cannot start: {e.Message}");
            return 2;
        }
        catch (OptionsValidationException e) when (!started.IsCancellationRequested)
        {
            // Options validated at start (ValidateOnStart): the failures say what to set.
            await Console.Error.WriteLineAsync($"PortalGrains cannot start: {string.Join(" ", e.Failures)}");
            return 2;
        }
        catch (Exception e) when (!started.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync($"PortalGrains cannot start: {FirstLine(e)}");
            await Console.Error.WriteLineAsync(e.ToString());
            return 1;
        }
    }

    private static string FirstLine(Exception e)
    {
        var innermost = e;
        while (innermost.InnerException is not null && innermost is AggregateException or System.Reflection.TargetInvocationException)
        {
            innermost = innermost.InnerException;
        }

        return innermost.Message.Split('\n', 2)[0].Trim();
    }
}
