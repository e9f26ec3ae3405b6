using System.Text;

namespace PortalGrains.IdentityProviders.InitialAccess;

/// <summary>An initial access token (RFC 7591 §3) issued out of band, sent as a Bearer token.</summary>
public sealed record StaticInitialAccessToken(string Token) : ProviderCredentials
{
    protected override bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Token = ***");
        return true;
    }
}
