using System.Text.Json;

namespace ReviewDesk.Workflows.Ai.Semantic;

/// <summary>
/// The on-disk cache of semantic models: <c>semantic-{recipe}-{sha16}.zip</c> (the ML.NET pipeline)
/// and a <c>.json</c> beside it with what training chose, each written to a temporary name and
/// moved into place, the metadata last.
/// </summary>
internal sealed class SemanticModelCache(string directory)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>The cache folder (absolute).</summary>
    public string Directory { get; } = Path.GetFullPath(directory);

    /// <summary>The model file of <paramref name="trainingSha256"/> under the current recipe.</summary>
    public string ModelPath(string trainingSha256) =>
        Path.Combine(Directory, $"semantic-{SemanticModelTrainer.RecipeKey}-{trainingSha256[..16]}.zip");

    private string MetadataPath(string trainingSha256) => Path.ChangeExtension(ModelPath(trainingSha256), ".json");

    /// <summary>Loads the cached model; null when there is none.</summary>
    /// <exception cref="InvalidDataException">The cached files do not belong together.</exception>
    public SemanticModel? TryLoad(string trainingSha256)
    {
        var metadataPath = MetadataPath(trainingSha256);
        var modelPath = ModelPath(trainingSha256);
        if (!File.Exists(metadataPath) || !File.Exists(modelPath))
        {
            return null;
        }

        var metadata = JsonSerializer.Deserialize<SemanticModelMetadata>(File.ReadAllText(metadataPath), Json);
        if (metadata is null || metadata.Recipe != SemanticModelTrainer.RecipeKey
            || !string.Equals(metadata.TrainingSha256, trainingSha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException($"{metadataPath} describes another model.");
        }

        using var stream = File.OpenRead(modelPath);
        return SemanticModel.Load(stream, metadata);
    }

    /// <summary>Writes <paramref name="model"/> under its training data's key.</summary>
    public void Save(SemanticModel model)
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
