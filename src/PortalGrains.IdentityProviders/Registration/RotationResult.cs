namespace PortalGrains.IdentityProviders.Registration;

/// <summary>The outcome of a secret rotation.</summary>
/// <param name="Client">The client to use from now on (same id for <see cref="RotationStrategy.InPlace"/>).</param>
/// <param name="Strategy">How the identity provider rotated.</param>
/// <param name="PreviousClientId">The client id used before the rotation.</param>
public sealed record RotationResult(RegisteredClient Client, RotationStrategy Strategy, string PreviousClientId)
{
    /// <summary>True when <see cref="PreviousClientId"/> is another client that the caller must delete after the hand-over.</summary>
    public bool CallerMustDeletePreviousClient =>
        Strategy == RotationStrategy.ReplacementClient && !string.Equals(Client.ClientId, PreviousClientId, StringComparison.Ordinal);
}
