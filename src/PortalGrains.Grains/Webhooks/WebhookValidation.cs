using PortalGrains.Abstractions.Common;
using PortalGrains.Abstractions.Webhooks;

namespace PortalGrains.Grains.Webhooks;

internal static class WebhookValidation
{
    public static List<UserError> Validate(string? id, WebhookUpsert webhook, WebhookOptions options)
    {
        var errors = new List<UserError>();
        if (id is not null && (string.IsNullOrWhiteSpace(id) || id.Length > InputLimits.MaxIdLength))
        {
            errors.Add(UserError.For(UserErrorCodes.Invalid, "The id is empty or too long.", "input", "id"));
        }

        var url = webhook.Url?.Trim() ?? "";
        if (url.Length > InputLimits.MaxUrlLength)
        {
            errors.Add(UserError.For(UserErrorCodes.TooLong, $"The URL is longer than {InputLimits.MaxUrlLength} characters.", "input", "url"));
        }
        else if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || !(uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && options.AllowHttp))
            || !string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Fragment))
        {
            errors.Add(UserError.For(UserErrorCodes.InvalidUrl,
                options.AllowHttp ? "The URL must be an absolute http(s) URL without user info or fragment." : "The URL must be an absolute https URL without user info or fragment.",
                "input", "url"));
        }

        if (webhook.Events.IsDefaultOrEmpty)
        {
            errors.Add(UserError.For(UserErrorCodes.Required, "Name at least one event.", "input", "events"));
        }
        else if (webhook.Events.Any(e => !Enum.IsDefined(e)))
        {
            errors.Add(UserError.For(UserErrorCodes.Invalid, "Unknown event.", "input", "events"));
        }

        if (webhook.Secret is { } secret && !WebhookSecrets.IsValid(secret))
        {
            errors.Add(UserError.For(UserErrorCodes.Invalid, "The secret must be 'whsec_' followed by the base64 of 24 to 64 bytes.", "input", "secret"));
        }

        return errors;
    }
}
