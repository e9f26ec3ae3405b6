namespace PortalGrains.Abstractions.Gateway;

public interface IGatewayConfigurationSource
{
    Task<GatewayConfiguration> GetAsync(CancellationToken cancellationToken = default);
}
