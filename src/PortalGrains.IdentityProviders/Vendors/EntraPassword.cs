namespace PortalGrains.IdentityProviders.Vendors;

/// <summary>A password credential Graph's addPassword created. ToString() never prints <see cref="SecretText"/>.</summary>
internal sealed record EntraPassword(string KeyId, string SecretText, DateTimeOffset? EndDateTime)
{
    public override string ToString() => $"EntraPassword {{ KeyId = {KeyId}, EndDateTime = {EndDateTime} }}";
}
