using System.Text.RegularExpressions;

namespace PortalGrains.IdentityProviders.Registration;

/// <summary>
/// How a client at an identity provider is tagged with the portal application that owns it: always a client name
/// "{name} [portal:{applicationId}]" (every identity provider keeps client_name), plus <c>software_id</c> =
/// "portal:{applicationId}" where the identity provider keeps that field, gives it no other meaning and the client type
/// names no software_id of its own (a Curity template, for instance).
/// </summary>
public static partial class PortalClientTag
{
    public const string Prefix = "portal:";

    public static string SoftwareId(string applicationId) => Prefix + applicationId;

    public static string ClientName(string name, string applicationId) => $"{name.Trim()} [{Prefix}{applicationId}]";

    public static string ClientName(ClientRegistrationRequest request) =>
        ClientName(request.Metadata.ClientName ?? request.ApplicationName, request.PortalApplicationId);

    /// <summary>The portal application id in a tagged client name, or null.</summary>
    public static string? ApplicationIdFromClientName(string? clientName)
    {
        if (clientName is null)
        {
            return null;
        }

        var match = TagSyntax().Match(clientName);
        return match.Success ? match.Groups["id"].Value : null;
    }

    [GeneratedRegex(@"\[portal:(?<id>[^\]\s]+)\]$", RegexOptions.CultureInvariant)]
    private static partial Regex TagSyntax();
}
