namespace PortalGrains.Grains.Developers;

[GenerateSerializer]
public sealed class DeveloperState
{
    [Id(0)] public bool Exists { get; set; }
    [Id(1)] public string? Email { get; set; }
    [Id(2)] public string? Name { get; set; }
    [Id(3)] public DateTimeOffset CreatedAt { get; set; }
    [Id(4)] public List<string> ApplicationIds { get; set; } = [];
    [Id(5)] public List<string> AccessRequestIds { get; set; } = [];
}
