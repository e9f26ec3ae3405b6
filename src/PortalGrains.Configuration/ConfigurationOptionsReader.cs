using Microsoft.Extensions.Configuration;

namespace PortalGrains.Configuration;

public static class ConfigurationOptionsReader
{
    /// <summary>
    /// The options of <paramref name="sectionName"/> (completed with the keys of <paramref name="former"/>), bound the
    /// way the container binds them, for start-up code that needs them before the container exists. Not validated:
    /// the container's registration of the same options does that when the host starts.
    /// </summary>
    public static TOptions ReadOptions<TOptions>(
        this IConfiguration configuration, string sectionName, FormerConfigurationSection? former = null)
        where TOptions : class, new()
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new TOptions();
        (former is null ? configuration.GetSection(sectionName) : configuration.GetSection(sectionName, former)).Bind(options);
        return options;
    }
}
