namespace PortalGrains.Grains.Applications;

/// <summary>
/// A client the application no longer uses (replaced, or a duplicate) that must be deleted at its identity provider, or,
/// when <see cref="SecretOnly"/>, a previous secret of the current client that must be revoked.
/// </summary>
[GenerateSerializer]
public sealed class OrphanClient
{
    [Id(0)] public string ProviderId { get; set; } = "";
    [Id(1)] public ObservedClient Client { get; set; } = new();
    [Id(2)] public DateTimeOffset DeleteAfter { get; set; }
    [Id(3)] public string Reason { get; set; } = "";

    /// <summary>
    /// Only the secret <see cref="Client"/> held is to go (a rotation that added a secret to the same client): it is
    /// revoked, and the client, still the application's, stays.
    /// </summary>
    [Id(4)] public bool SecretOnly { get; set; }

    /// <summary>When it was replaced: the oldest replaced clients of the application lose their grace period first.</summary>
    [Id(5)] public DateTimeOffset ReplacedAt { get; set; }
}
