namespace PortalGrains.IdentityProviders.Tests.Http.Support;

/// <summary>Waits for a condition with a deadline, checking it again at a short interval.</summary>
public static class Eventually
{
    public static async Task AssertAsync(Func<Task<bool>> condition, TimeSpan deadline, string what)
    {
        var until = DateTime.UtcNow + deadline;
        while (!await condition())
        {
            if (DateTime.UtcNow > until)
            {
                Assert.Fail($"Not reached within {deadline}: {what}");
            }

            await Task.Delay(50);
        }
    }
}
