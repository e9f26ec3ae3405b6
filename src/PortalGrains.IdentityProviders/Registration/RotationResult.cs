namespace PortalGrains.IdentityProviders.Registration;

/// <summary>The outcome of a secret rotation.</summary>
/// <param name="Client">The client to use from now on (the same client id for <see cref="RotationStrategy.InPlace"/>).</param>
/// <param name="Strategy">How the identity provider rotated.</param>
/// <param name="PreviousClient">
/// The client used before the rotation, in its latest state (a rotation can renew its registration access token):
/// store it, and delete it with this state when <see cref="CallerMustDeletePreviousClient"/>.
/// </param>
public sealed record RotationResult(RegisteredClient Client, RotationStrategy Strategy, RegisteredClient PreviousClient)
{
    /// <summary>True when <see cref="PreviousClient"/> is another client that the caller must delete after the hand-over.</summary>
    public bool CallerMustDeletePreviousClient =>
        Strategy == RotationStrategy.ReplacementClient
        && !string.Equals(Client.ClientId, PreviousClient.ClientId, StringComparison.Ordinal);

    /// <summary>True when the previous secret of the same client keeps working until the caller revokes it.</summary>
    public bool CallerMustRevokePreviousSecret => Strategy == RotationStrategy.AdditionalSecret;
}
