using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ReviewDesk.Engine.Activities;
using ReviewDesk.Engine.Definitions;

namespace ReviewDesk.Engine.Designer;

/// <summary>
/// Converts between what an admin types in the property panel and the JSON a definition stores:
/// one parser per <see cref="SettingKind"/> and per retry field, each with a sentence when the text does not fit.
/// </summary>
public static class SettingText
{
    /// <summary>The text an editor shows for a stored value (empty when absent).</summary>
    public static string Format(JsonNode? value) => value switch
    {
        null => "",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonObject or JsonArray => value.ToJsonString(new JsonSerializerOptions { WriteIndented = true }),
        _ => value.ToJsonString(),
    };

    /// <summary>The text an editor of <paramref name="setting"/> shows: JSON settings show JSON (a string keeps its quotes).</summary>
    public static string Format(ActivitySetting setting, JsonNode? value)
    {
        ArgumentNullException.ThrowIfNull(setting);
        return setting.Kind == SettingKind.Json && value is JsonValue ? value.ToJsonString() : Format(value);
    }

    /// <summary>Parses <paramref name="text"/> as a value of <paramref name="setting"/>; empty text means "not set" (the default applies).</summary>
    /// <returns>The value (null for "not set") or the reason the text does not fit.</returns>
    public static (JsonNode? Value, string? Error) Parse(ActivitySetting setting, string? text)
    {
        ArgumentNullException.ThrowIfNull(setting);
        if (string.IsNullOrWhiteSpace(text)) return (null, setting.Required ? $"{setting.Label} is required" : null);
        var trimmed = text.Trim();
        JsonNode? value;
        switch (setting.Kind)
        {
            case SettingKind.Integer:
                if (!long.TryParse(trimmed, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole)) return (null, $"{setting.Label} must be a whole number");
                value = JsonValue.Create(whole);
                break;
            case SettingKind.Number:
                if (!double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number)) return (null, $"{setting.Label} must be a number such as 0.8");
                value = JsonValue.Create(number);
                break;
            case SettingKind.Boolean:
                if (!bool.TryParse(trimmed, out var flag)) return (null, $"{setting.Label} must be true or false");
                value = JsonValue.Create(flag);
                break;
            case SettingKind.Json:
                try
                {
                    value = JsonNode.Parse(trimmed);
                }
                catch (JsonException ex)
                {
                    return (null, $"{setting.Label} is not valid JSON ({ex.Message})");
                }

                break;
            default:
                value = JsonValue.Create(trimmed);
                break;
        }

        return setting.Check(value) is { } problem ? (null, Sentence(setting, problem)) : (value, null);
    }

    /// <summary>The text an editor shows for one retry field (empty: the configured default applies).</summary>
    public static string Format(RetryPolicySettings? retry, RetryField field) => field switch
    {
        RetryField.InitialInterval => FormatDuration(retry?.InitialInterval),
        RetryField.BackoffCoefficient => retry?.BackoffCoefficient?.ToString(CultureInfo.InvariantCulture) ?? "",
        RetryField.MaximumInterval => FormatDuration(retry?.MaximumInterval),
        RetryField.MaximumAttempts => retry?.MaximumAttempts?.ToString(CultureInfo.InvariantCulture) ?? "",
        RetryField.StartToCloseTimeout => FormatDuration(retry?.StartToCloseTimeout),
        RetryField.NonRetryableErrorKinds => retry?.NonRetryableErrorKinds is { } kinds ? string.Join(", ", kinds) : "",
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };

    /// <summary>Applies <paramref name="text"/> to one field of <paramref name="retry"/>; empty text clears the field.</summary>
    /// <returns>The new settings (null when no field is set any more) or the reason the text does not fit.</returns>
    public static (RetryPolicySettings? Retry, string? Error) Parse(RetryPolicySettings? retry, RetryField field, string? text)
    {
        var current = retry ?? new RetryPolicySettings();
        var empty = string.IsNullOrWhiteSpace(text);
        var trimmed = text?.Trim() ?? "";
        RetryPolicySettings next;
        switch (field)
        {
            case RetryField.InitialInterval:
            case RetryField.MaximumInterval:
            case RetryField.StartToCloseTimeout:
                TimeSpan? duration = null;
                if (!empty)
                {
                    if (!ActivitySetting.TryParseDuration(trimmed, out var parsed)) return (null, $"{Label(field)} must be a duration such as 00:00:05");
                    duration = parsed;
                }

                next = field switch
                {
                    RetryField.InitialInterval => current with { InitialInterval = duration },
                    RetryField.MaximumInterval => current with { MaximumInterval = duration },
                    _ => current with { StartToCloseTimeout = duration },
                };
                break;
            case RetryField.BackoffCoefficient:
                double? coefficient = null;
                if (!empty)
                {
                    if (!double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var c) || !double.IsFinite(c)) return (null, $"{Label(field)} must be a number such as 2");
                    coefficient = c;
                }

                next = current with { BackoffCoefficient = coefficient };
                break;
            case RetryField.MaximumAttempts:
                int? attempts = null;
                if (!empty)
                {
                    if (!int.TryParse(trimmed, NumberStyles.Integer, CultureInfo.InvariantCulture, out var a)) return (null, $"{Label(field)} must be a whole number");
                    attempts = a;
                }

                next = current with { MaximumAttempts = attempts };
                break;
            case RetryField.NonRetryableErrorKinds:
                next = current with
                {
                    NonRetryableErrorKinds = empty ? null : [.. trimmed.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
                };
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(field));
        }

        return (IsEmpty(next) ? null : next, null);
    }

    /// <summary>The label of a retry field in the property panel.</summary>
    public static string Label(RetryField field) => field switch
    {
        RetryField.InitialInterval => "Initial interval",
        RetryField.BackoffCoefficient => "Backoff coefficient",
        RetryField.MaximumInterval => "Maximum interval",
        RetryField.MaximumAttempts => "Maximum attempts",
        RetryField.StartToCloseTimeout => "Timeout per attempt",
        RetryField.NonRetryableErrorKinds => "Non-retryable error kinds",
        _ => field.ToString(),
    };

    private static bool IsEmpty(RetryPolicySettings r) =>
        r.InitialInterval is null && r.BackoffCoefficient is null && r.MaximumInterval is null && r.MaximumAttempts is null
        && r.StartToCloseTimeout is null && r.NonRetryableErrorKinds is null;

    private static string FormatDuration(TimeSpan? value) => value?.ToString("c", CultureInfo.InvariantCulture) ?? "";

    // The schema's messages name the JSON property ("setting 'threshold' must be ..."): the panel shows the label.
    private static string Sentence(ActivitySetting setting, string problem) =>
        problem.Replace($"setting '{setting.Name}'", setting.Label, StringComparison.Ordinal);
}
