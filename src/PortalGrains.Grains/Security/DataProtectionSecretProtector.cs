using Microsoft.AspNetCore.DataProtection;

namespace PortalGrains.Grains.Security;

public sealed class DataProtectionSecretProtector(IDataProtectionProvider provider) : ISecretProtector
{
    // The purpose string is part of the key derivation: changing it makes every stored secret unreadable.
    private readonly IDataProtector _protector = provider.CreateProtector("PortalGrains.Secrets.v1");

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);
}
