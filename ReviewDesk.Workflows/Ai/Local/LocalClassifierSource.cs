using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace ReviewDesk.Workflows.Ai.Local;

/// <summary>
/// Creates the ML.NET classifier for providers of type Local. Its model is cached under
/// <c>Ai:Local:ModelDirectory</c> (default <c>&lt;Database:DataDirectory&gt;/models</c>).
/// </summary>
public sealed class LocalClassifierSource(IConfiguration configuration, ILoggerFactory loggers) : ILocalClassifierSource
{
    /// <inheritdoc />
    public ITicketClassifier Create(string providerName, AiProviderOptions options) => options?.Type == AiProviderType.LocalSemantic
        ? new Semantic.SemanticTicketClassifier(providerName, new LocalClassifierOptions { ModelDirectory = ModelDirectory(configuration) },
            configuration.GetValue("Ai:Local:SemanticThreads", 1), loggers.CreateLogger<Semantic.SemanticTicketClassifier>())
        : new LocalTicketClassifier(providerName, new LocalClassifierOptions { ModelDirectory = ModelDirectory(configuration) },
            loggers.CreateLogger<LocalTicketClassifier>());

    /// <summary>Where the trained model is cached.</summary>
    public static string ModelDirectory(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return Path.GetFullPath(configuration["Ai:Local:ModelDirectory"]
            ?? Path.Combine(configuration["Database:DataDirectory"] ?? "data", "models"));
    }
}
