using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReviewDesk.Workflows.Ai;

/// <summary>
/// The JSON a chat model must answer with. Its type is the structured-output schema
/// (<c>response_format</c> json_schema, strict): the enums become string enums of the labels in
/// <see cref="TicketLabels"/>, so a conforming model cannot invent a label.
/// </summary>
internal sealed record ClassificationResponse(
    [property: JsonPropertyName("category")] ClassificationResponse.CategoryLabel Category,
    [property: JsonPropertyName("priority")] ClassificationResponse.PriorityLabel Priority,
    [property: JsonPropertyName("language")] string Language,
    [property: JsonPropertyName("sentiment")] ClassificationResponse.SentimentLabel Sentiment,
    [property: JsonPropertyName("confidence")] double Confidence,
    [property: JsonPropertyName("rationale")] string Rationale)
{
    /// <summary>How the answer is read: string enums, every property required and non-null.</summary>
    public static JsonSerializerOptions SerializerOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
    };

    /// <summary>The categories of <see cref="TicketLabels.Categories"/>.</summary>
    public enum CategoryLabel
    {
        [JsonStringEnumMemberName("billing")] Billing,
        [JsonStringEnumMemberName("refund")] Refund,
        [JsonStringEnumMemberName("technical_issue")] TechnicalIssue,
        [JsonStringEnumMemberName("account_access")] AccountAccess,
        [JsonStringEnumMemberName("shipping")] Shipping,
        [JsonStringEnumMemberName("feature_request")] FeatureRequest,
        [JsonStringEnumMemberName("security")] Security,
        [JsonStringEnumMemberName("general_inquiry")] GeneralInquiry,
    }

    /// <summary>The priorities of <see cref="TicketLabels.Priorities"/>.</summary>
    public enum PriorityLabel
    {
        P1,
        P2,
        P3,
        P4,
    }

    /// <summary>The sentiments of <see cref="TicketLabels.Sentiments"/>.</summary>
    public enum SentimentLabel
    {
        [JsonStringEnumMemberName("negative")] Negative,
        [JsonStringEnumMemberName("neutral")] Neutral,
        [JsonStringEnumMemberName("positive")] Positive,
    }

    /// <summary>The label an enum value stands for: its JSON name.</summary>
    public static string Label<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        var name = value.ToString();
        return typeof(TEnum).GetField(name)?.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? name;
    }

    /// <summary>
    /// Parses a model's answer and checks it against <see cref="TicketLabels"/> and the value ranges.
    /// </summary>
    /// <returns>The classification, or null with <paramref name="problem"/> saying what was wrong (never the content).</returns>
    public static Classification? TryParse(string? json, string provider, string model, out string problem)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            problem = "the model returned no content";
            return null;
        }

        ClassificationResponse? response;
        try
        {
            response = JsonSerializer.Deserialize<ClassificationResponse>(json, SerializerOptions);
        }
        catch (JsonException ex)
        {
            // Only the position: the message can quote part of the content.
            problem = FormattableString.Invariant(
                $"the answer is not JSON of the expected shape (path {ex.Path ?? "$"}, line {ex.LineNumber}, byte {ex.BytePositionInLine})");
            return null;
        }

        if (response is null)
        {
            problem = "the answer is JSON null";
            return null;
        }

        var category = Label(response.Category);
        var priority = Label(response.Priority);
        var sentiment = Label(response.Sentiment);
        var language = response.Language.Trim().ToLowerInvariant();
        problem =
            !TicketLabels.Categories.Contains(category) ? "category is not a known label"
            : !TicketLabels.Priorities.Contains(priority) ? "priority is not a known label"
            : !TicketLabels.Sentiments.Contains(sentiment) ? "sentiment is not a known label"
            : response.Confidence is < 0 or > 1 || double.IsNaN(response.Confidence) ? "confidence is outside [0, 1]"
            : language.Length is < 2 or > 3 || !language.All(char.IsAsciiLetterLower) ? "language is not an ISO 639 code"
            : string.Empty;
        if (problem.Length > 0)
        {
            return null;
        }

        return new Classification(category, priority, language, sentiment, response.Confidence, response.Rationale.Trim(), provider, model);
    }
}
