namespace PortalGrains.Persistence.AzureTables.Tests;

[GenerateSerializer]
public sealed class TestState
{
    [Id(0)]
    public string Name { get; set; } = string.Empty;

    [Id(1)]
    public int Version { get; set; }

    [Id(2)]
    public byte[] Blob { get; set; } = [];
}
