using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReviewDesk.Workflows.Ai.Local;

/// <summary>
/// The on-disk cache of trained models: <c>triage-{recipe}-{sha16}.zip</c>, where the recipe part
/// names the recipe version and a hash of what else shapes the model (the cue word lists, the
/// ML.NET version) and sha16 starts the training data's SHA-256: the ML.NET pipeline,
/// <c>mlContext.Model.Save</c>, and a <c>.json</c> beside it with what training chose. Both are
/// written to temporary names and moved into place, the metadata last, so a reader never sees a
/// half-written pair; a pair that does not load is treated as missing.
/// </summary>
internal sealed class LocalModelCache(string directory)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The cache folder (absolute).</summary>
    public string Directory { get; } = Path.GetFullPath(directory);

    /// <summary>The model file of <paramref name="trainingSha256"/> under the current recipe.</summary>
    public string ModelPath(string trainingSha256) =>
        Path.Combine(Directory, $"triage-{LocalModelTrainer.RecipeKey}-{trainingSha256[..16]}.zip");

    /// <summary>The metadata file beside <see cref="ModelPath"/>.</summary>
    public string MetadataPath(string trainingSha256) => Path.ChangeExtension(ModelPath(trainingSha256), ".json");

    /// <summary>Loads the cached model of <paramref name="trainingSha256"/>; null when there is none.</summary>
    /// <exception cref="InvalidDataException">The cached files exist but do not belong together.</exception>
    public LocalModel? TryLoad(string trainingSha256)
    {
        var metadataPath = MetadataPath(trainingSha256);
        var modelPath = ModelPath(trainingSha256);
        if (!File.Exists(metadataPath) || !File.Exists(modelPath))
        {
            return null;
        }

        var metadata = JsonSerializer.Deserialize<LocalModelMetadata>(File.ReadAllText(metadataPath), Json);
        if (metadata is null || metadata.Recipe != LocalModelTrainer.RecipeKey
            || !string.Equals(metadata.TrainingSha256, trainingSha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException($"{metadataPath} describes another model.");
        }

        using var stream = File.OpenRead(modelPath);
        return LocalModel.Load(stream, metadata);
    }

    /// <summary>Writes <paramref name="model"/> under its training data's key.</summary>
    public void Save(LocalModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        System.IO.Directory.CreateDirectory(Directory);
        var sha = model.Metadata.TrainingSha256;
        var suffix = $".{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";

        var modelTemp = ModelPath(sha) + suffix;
        using (var stream = File.Create(modelTemp))
        {
            model.Save(stream);
        }

        File.Move(modelTemp, ModelPath(sha), overwrite: true);

        var metadataTemp = MetadataPath(sha) + suffix;
        File.WriteAllText(metadataTemp, JsonSerializer.Serialize(model.Metadata, Json));
        File.Move(metadataTemp, MetadataPath(sha), overwrite: true);
    }
}
