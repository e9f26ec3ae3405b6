using Microsoft.Extensions.Configuration;

namespace PortalGrains.Configuration;

public static class ConfigurationSectionAliases
{
    /// <summary>
    /// The section <paramref name="sectionName"/>, completed with the keys of <paramref name="former"/> that it does
    /// not set; the section itself when the former name sets nothing.
    /// </summary>
    public static IConfiguration GetSection(this IConfiguration configuration, string sectionName, FormerConfigurationSection former)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(former);
        var current = configuration.GetSection(sectionName);
        var formerValues = configuration.GetSection(former.Path).AsEnumerable(makePathsRelative: true)
            .Where(entry => entry.Value is not null && (former.Keys.Count == 0 || former.Keys.Contains(TopKey(entry.Key), StringComparer.OrdinalIgnoreCase)))
            .ToList();
        if (formerValues.Count == 0)
        {
            return current;
        }

        var values = new Dictionary<string, string?>(formerValues, StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in current.AsEnumerable(makePathsRelative: true))
        {
            if (value is not null)
            {
                values[key] = value;
            }
        }

        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }

    private static string TopKey(string path) => path.Split(ConfigurationPath.KeyDelimiter, 2)[0];
}
