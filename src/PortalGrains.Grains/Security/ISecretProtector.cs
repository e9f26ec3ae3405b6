namespace PortalGrains.Grains.Security;

/// <summary>
/// Encrypts secrets (initial access tokens, client secrets, registration access tokens) before they reach grain
/// storage, with a key ring shared by every silo.
/// </summary>
public interface ISecretProtector
{
    string Protect(string secret);

    string Unprotect(string protectedSecret);
}
