using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ReviewDesk.Engine.Activities;

/// <summary>The value kinds a setting may have; the designer picks an editor by kind.</summary>
public enum SettingKind
{
    /// <summary>Free text.</summary>
    Text,
    /// <summary>A whole number.</summary>
    Integer,
    /// <summary>A decimal number.</summary>
    Number,
    /// <summary>True or false.</summary>
    Boolean,
    /// <summary>A duration written as <c>hh:mm:ss</c> or <c>d.hh:mm:ss</c>.</summary>
    Duration,
    /// <summary>One of <see cref="ActivitySetting.Options"/>.</summary>
    Choice,
    /// <summary>Any JSON value (objects such as routing tables).</summary>
    Json,
}

/// <summary>One entry of an activity's settings schema.</summary>
public sealed record ActivitySetting
{
    /// <summary>The JSON property name.</summary>
    public required string Name { get; init; }

    /// <summary>The label in the property panel.</summary>
    public required string Label { get; init; }

    /// <summary>The value kind.</summary>
    public required SettingKind Kind { get; init; }

    /// <summary>Help text.</summary>
    public string? Description { get; init; }

    /// <summary>Whether a definition must set it.</summary>
    public bool Required { get; init; }

    /// <summary>The value used when the setting is absent.</summary>
    public JsonNode? Default { get; init; }

    /// <summary>Lower bound for numbers and durations (durations in seconds).</summary>
    public double? Minimum { get; init; }

    /// <summary>Upper bound for numbers and durations (durations in seconds).</summary>
    public double? Maximum { get; init; }

    /// <summary>Allowed values of a <see cref="SettingKind.Choice"/>.</summary>
    public IReadOnlyList<string> Options { get; init; } = [];

    /// <summary>Checks one value against this entry; returns a problem or null.</summary>
    public string? Check(JsonNode? value)
    {
        if (value is null)
        {
            return Required ? $"setting '{Name}' is required" : null;
        }

        double? number = null;
        switch (Kind)
        {
            case SettingKind.Text:
                if (!IsString(value, out _)) return $"setting '{Name}' must be text";
                break;
            case SettingKind.Boolean:
                if (value.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False)) return $"setting '{Name}' must be true or false";
                break;
            case SettingKind.Integer:
                if (value.GetValueKind() != JsonValueKind.Number || !value.AsValue().TryGetValue<long>(out var whole)) return $"setting '{Name}' must be a whole number";
                number = whole;
                break;
            case SettingKind.Number:
                if (value.GetValueKind() != JsonValueKind.Number) return $"setting '{Name}' must be a number";
                number = value.GetValue<double>();
                break;
            case SettingKind.Duration:
                if (!IsString(value, out var text) || !TryParseDuration(text, out var duration)) return $"setting '{Name}' must be a duration such as 00:05:00";
                number = duration.TotalSeconds;
                break;
            case SettingKind.Choice:
                if (!IsString(value, out var choice) || !Options.Contains(choice, StringComparer.Ordinal)) return $"setting '{Name}' must be one of {string.Join(", ", Options)}";
                break;
            case SettingKind.Json:
                break;
        }

        if (number is { } n)
        {
            if (Minimum is { } min && n < min) return $"setting '{Name}' must be at least {Format(min)}";
            if (Maximum is { } max && n > max) return $"setting '{Name}' must be at most {Format(max)}";
        }

        return null;
    }

    /// <summary>Parses a duration in the invariant <c>[d.]hh:mm:ss</c> format.</summary>
    public static bool TryParseDuration(string? text, out TimeSpan duration) =>
        TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration) && duration >= TimeSpan.Zero;

    private static bool IsString(JsonNode value, out string text)
    {
        text = value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : "";
        return value.GetValueKind() == JsonValueKind.String;
    }

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
