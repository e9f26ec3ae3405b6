namespace PortalGrains.IntegrationTests.Faults;

/// <summary>
/// One fault of a <see cref="FaultProxy"/>: which requests it matches (method and path, "*" for any; a path ending in
/// "*" is a prefix), how likely it hits a matching request (drawn from the proxy's seeded random), how many times at
/// most, and what it does.
/// </summary>
public sealed class FaultRule(string method, string path, FaultKind kind)
{
    private int _hits;

    public string Method { get; } = method;

    public string Path { get; } = path;

    public FaultKind Kind { get; } = kind;

    /// <summary>The chance that a matching request is hit, from 0 to 1.</summary>
    public double Probability { get; init; } = 1;

    /// <summary>The most requests the rule hits; null for no limit.</summary>
    public int? Times { get; init; }

    /// <summary>For <see cref="FaultKind.ServerError"/>: the statuses to answer with, one drawn at random per hit.</summary>
    public IReadOnlyList<int> Statuses { get; init; } = [503];

    /// <summary>For <see cref="FaultKind.DelayResponse"/>: how long the IdP's answer is held.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>For <see cref="FaultKind.MismatchedIssuer"/>: the issuer to state; the proxy's own address with a path when null.</summary>
    public string? Issuer { get; init; }

    /// <summary>How many requests the rule hit so far.</summary>
    public int Hits => Volatile.Read(ref _hits);

    internal bool Matches(string requestMethod, string requestPath) =>
        (Method == "*" || string.Equals(Method, requestMethod, StringComparison.OrdinalIgnoreCase))
        && (Path == "*"
            || (Path.EndsWith('*') ? requestPath.StartsWith(Path[..^1], StringComparison.Ordinal) : requestPath == Path));

    /// <summary>Called under the proxy's lock: whether this matching request is hit, counting it if so.</summary>
    internal bool TryHit(Random random)
    {
        if (Times is { } times && _hits >= times)
        {
            return false;
        }

        if (Probability < 1 && random.NextDouble() >= Probability)
        {
            return false;
        }

        _hits++;
        return true;
    }

    public override string ToString() =>
        $"{Kind} on {Method} {Path}" + (Probability < 1 ? $" p={Probability}" : "") + (Times is { } t ? $" x{t}" : "");
}
