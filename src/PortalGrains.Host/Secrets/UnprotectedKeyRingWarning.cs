namespace PortalGrains.Host.Secrets;

/// <summary>Warns at start-up, outside Development, when the Data Protection keys are stored without encryption.</summary>
public sealed partial class UnprotectedKeyRingWarning(ILogger<UnprotectedKeyRingWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        KeysStoredUnencrypted(logger);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(1, LogLevel.Warning,
        "The keys that encrypt stored secrets are kept unencrypted next to them: set Portal:Secrets:KeyEncryptionCertificatePath to a PFX shared by all silos")]
    private static partial void KeysStoredUnencrypted(ILogger logger);
}
