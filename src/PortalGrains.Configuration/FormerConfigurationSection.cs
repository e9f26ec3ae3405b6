namespace PortalGrains.Configuration;

/// <summary>
/// The former name of a configuration section: a key there is still read where the section's current name does not
/// set it (a key under the current name wins). <paramref name="Keys"/>, when given, limits the former name to those keys.
/// </summary>
public sealed record FormerConfigurationSection(string Path, params IReadOnlyCollection<string> Keys);
