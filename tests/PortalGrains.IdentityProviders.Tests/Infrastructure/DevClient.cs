using System.Text.Json;

namespace PortalGrains.IdentityProviders.Tests.Infrastructure;

/// <summary>A client as the dev IdP lists it at GET /__dev/clients (no secrets).</summary>
public sealed record DevClient(
    string ClientId,
    string? ClientName,
    string? SoftwareId,
    IReadOnlyList<string> Scopes,
    IReadOnlyList<string> RedirectUris,
    IReadOnlyList<string> GrantTypes)
{
    public static DevClient FromJson(JsonElement client) =>
        new(
            client.GetProperty("client_id").GetString()!,
            OptionalString(client, "client_name"),
            OptionalString(client, "software_id"),
            OptionalString(client, "scope")?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [],
            Strings(client, "redirect_uris"),
            Strings(client, "grant_types"));

    private static string? OptionalString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static IReadOnlyList<string> Strings(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select(item => item.GetString()!).ToArray()
            : [];
}
