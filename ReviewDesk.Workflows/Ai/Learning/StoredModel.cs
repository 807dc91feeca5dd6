using System.Text.Json;
using System.Text.Json.Serialization;
using ReviewDesk.Workflows.Ai.Local;

namespace ReviewDesk.Workflows.Ai.Learning;

/// <summary>A local model in and out of a <see cref="ModelVersionRecord"/>: the ML.NET bytes and the training choices as JSON.</summary>
internal static class StoredModel
{
    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    public static (byte[] Data, string Metadata) Save(LocalModel model)
    {
        using var stream = new MemoryStream();
        model.Save(stream);
        return (stream.ToArray(), JsonSerializer.Serialize(model.Metadata, Json));
    }

    public static LocalModel Load(byte[] data, string metadata)
    {
        using var stream = new MemoryStream(data, writable: false);
        return LocalModel.Load(stream, JsonSerializer.Deserialize<LocalModelMetadata>(metadata, Json)
            ?? throw new InvalidDataException("A model version has no metadata."));
    }

    /// <summary>The labels a loaded model gives <paramref name="ticket"/>, as the local provider reports them.</summary>
    public static Classification Classify(LocalModel model, TicketText ticket, string provider, string version)
    {
        var prediction = model.Predict(ticket);
        var confidence = Math.Round(Math.Clamp(prediction.Confidence, 0.0, 1.0), 4);
        return new Classification(
            prediction.Category, prediction.Priority, StopWordLanguageDetector.Detect(ticket.Subject + "\n" + ticket.Body), prediction.Sentiment,
            confidence, LocalTicketClassifier.Rationale(prediction.Category, confidence, prediction.CueWords), provider, model.Metadata.ModelName, version);
    }
}
