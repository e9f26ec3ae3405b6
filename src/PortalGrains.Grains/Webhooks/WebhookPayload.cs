using System.Text;
using System.Text.Json;
using PortalGrains.Abstractions.Webhooks;

namespace PortalGrains.Grains.Webhooks;

/// <summary>The body of a delivery, <c>{"type", "timestamp", "data"}</c>: the same bytes on every attempt of one event.</summary>
public static class WebhookPayload
{
    public static string Body(WebhookEvent webhookEvent)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", TypeName(webhookEvent.Type));
            writer.WriteString("timestamp", webhookEvent.Timestamp.UtcDateTime);
            writer.WritePropertyName("data");
            using (var data = JsonDocument.Parse(webhookEvent.Data))
            {
                data.RootElement.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The wire name, as the GraphQL enum: ACCESS_REQUEST_CREATED.</summary>
    public static string TypeName(WebhookEventType type)
    {
        var name = type.ToString();
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
            {
                builder.Append('_');
            }

            builder.Append(char.ToUpperInvariant(name[i]));
        }

        return builder.ToString();
    }
}
