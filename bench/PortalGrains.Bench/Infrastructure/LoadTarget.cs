namespace PortalGrains.Bench.Infrastructure;

/// <summary>One endpoint under closed-loop load: the same body each time; an answer must contain <see cref="Expected"/>.</summary>
public sealed record LoadTarget(string Label, Uri Url, byte[] Body, string Bearer, byte[] Expected);
