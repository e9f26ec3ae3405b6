using PortalGrains.Abstractions.Common;
using PortalGrains.Abstractions.Providers;

namespace PortalGrains.Grains.Providers;

/// <summary>
/// A provider's stored secrets (initial access token, Okta API token, the initial-access-token or Auth0 management
/// client) go only to the origins (scheme, host and port) they were given for. Every address they reach is derived from
/// the well-known URL (discovery: token endpoint, issuer for vendor APIs) or from the registration endpoint override, so
/// moving either to another origin needs the secrets again; otherwise an admin token alone could send them elsewhere.
/// </summary>
public static class ProviderSecretDestinations
{
    /// <summary>The errors of an update that moves a provider with stored secrets to another origin without giving them again.</summary>
    public static IReadOnlyList<UserError> Check(ProviderState stored, ProviderUpsert settings)
    {
        var hasStoredToken = stored.ProtectedInitialAccessToken is not null;
        var hasStoredClient = stored.ProtectedInitialAccessTokenClientSecret is not null;
        if (!stored.Exists || (!hasStoredToken && !hasStoredClient)
            || settings.InitialAccessToken is not null || settings.InitialAccessTokenClient is not null)
        {
            return [];
        }

        var moved = MovedUrl(stored, settings);
        if (moved is null)
        {
            return [];
        }

        var field = hasStoredToken ? "initialAccessToken" : "initialAccessTokenClient";
        var secret = hasStoredToken ? "initial access token" : "initial access token client and its secret";
        return
        [
            UserError.For(UserErrorCodes.SecretRequired,
                $"The {moved} now points at another host (scheme, host or port changed): give the {secret} again, " +
                "the stored one is only sent where it was given for.",
                "input", field),
        ];
    }

    private static string? MovedUrl(ProviderState stored, ProviderUpsert settings)
    {
        if (!SameOrigin(stored.WellKnownUrl, settings.WellKnownUrl))
        {
            return "wellKnownUrl";
        }

        // Without an override the registration endpoint comes from the discovery document of the unchanged origin.
        return settings.RegistrationEndpoint is { } registration && !SameOrigin(stored.RegistrationEndpoint ?? stored.WellKnownUrl, registration)
            ? "registrationEndpoint"
            : null;
    }

    private static bool SameOrigin(string stored, string requested) =>
        Uri.TryCreate(stored, UriKind.Absolute, out var before)
        && Uri.TryCreate(requested, UriKind.Absolute, out var after)
        && Uri.Compare(before, after, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) == 0;
}
