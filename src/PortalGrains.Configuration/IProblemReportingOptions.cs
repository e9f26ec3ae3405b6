namespace PortalGrains.Configuration;

/// <summary>Options that check themselves: <see cref="Validate"/> names what is wrong, nothing when they are usable.</summary>
public interface IProblemReportingOptions
{
    IReadOnlyList<string> Validate();
}
