namespace PortalGrains.Grains.Applications;

/// <summary>Background retries of a provider's reconciliation after transient failures.</summary>
[GenerateSerializer]
public sealed class ProviderRetry
{
    [Id(0)] public int Attempts { get; set; }
    [Id(1)] public DateTimeOffset FirstFailureAt { get; set; }
    [Id(2)] public DateTimeOffset NextAttemptAt { get; set; }
    [Id(3)] public string? LastError { get; set; }

    /// <summary>Attempts whose effect at the identity provider is unknown (the answer was lost).</summary>
    [Id(4)] public int UncertainAttempts { get; set; }
}
