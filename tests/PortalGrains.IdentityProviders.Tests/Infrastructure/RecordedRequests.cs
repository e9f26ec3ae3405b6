using System.Text.Json;
using WireMock;
using WireMock.Server;

namespace PortalGrains.IdentityProviders.Tests.Infrastructure;

/// <summary>What a WireMock server received, in the order it arrived.</summary>
public static class RecordedRequests
{
    public static IReadOnlyList<IRequestMessage> Requests(this WireMockServer server) =>
        server.LogEntries.Select(entry => entry.RequestMessage).OfType<IRequestMessage>().OrderBy(request => request.DateTime).ToArray();

    public static string? Header(this IRequestMessage request, string name) =>
        request.Headers?.FirstOrDefault(header => string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase))
            .Value?.FirstOrDefault();

    public static JsonElement JsonBody(this IRequestMessage request)
    {
        using var document = JsonDocument.Parse(request.Body ?? throw new InvalidOperationException("The request had no body."));
        return document.RootElement.Clone();
    }

    /// <summary>An application/x-www-form-urlencoded body as name/value pairs.</summary>
    public static IReadOnlyDictionary<string, string> FormBody(this IRequestMessage request) =>
        (request.Body ?? string.Empty)
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(
                pair => Uri.UnescapeDataString(pair[0].Replace('+', ' ')),
                pair => pair.Length > 1 ? Uri.UnescapeDataString(pair[1].Replace('+', ' ')) : string.Empty,
                StringComparer.Ordinal);

    public static string[] StringArray(this JsonElement element, string name) =>
        element.GetProperty(name).EnumerateArray().Select(item => item.GetString()!).ToArray();
}
