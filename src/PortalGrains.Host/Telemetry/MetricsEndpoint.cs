namespace PortalGrains.Host.Telemetry;

/// <summary>Where the Prometheus scrape endpoint listens: the API's interfaces (the <c>urls</c> setting), on the metrics port.</summary>
public static class MetricsEndpoint
{
    /// <summary>What Kestrel listens on when no <c>urls</c> is set.</summary>
    private const string KestrelDefaultUrl = "http://localhost:5000";

    /// <summary>The API's URLs as configured (<c>Urls</c>, <c>--urls</c>, <c>URLS</c>).</summary>
    public static IReadOnlyList<string> ApiUrls(IConfiguration configuration)
    {
        var urls = configuration[WebHostDefaults.ServerUrlsKey];
        return string.IsNullOrWhiteSpace(urls)
            ? [KestrelDefaultUrl]
            : urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>The ports the API's URLs name (0 for one Kestrel picks itself).</summary>
    public static IReadOnlyList<int> ApiPorts(IConfiguration configuration) =>
        [.. ApiUrls(configuration).Select(url => BindingAddress.Parse(url).Port).Distinct()];

    /// <summary>The API's URLs followed by plain-HTTP ones on the metrics port, one per distinct interface.</summary>
    public static string WithMetricsPort(IReadOnlyList<string> apiUrls, int metricsPort) =>
        string.Join(';', apiUrls.Concat(apiUrls
            .Select(url => BindingAddress.Parse(url).Host)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(host => $"http://{host}:{metricsPort}")));
}
