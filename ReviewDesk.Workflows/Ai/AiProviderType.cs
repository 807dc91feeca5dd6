namespace ReviewDesk.Workflows.Ai;

/// <summary>How a configured AI provider is reached (<c>Ai:Providers:&lt;name&gt;:Type</c>).</summary>
public enum AiProviderType
{
    /// <summary>The in-process ML.NET classifier: offline, no endpoint or key.</summary>
    Local,

    /// <summary>
    /// The in-process semantic classifier (MiniLM sentence embeddings with TF-IDF features): offline, no
    /// endpoint or key; more accurate than <see cref="Local"/> and about a hundred times slower per ticket.
    /// </summary>
    LocalSemantic,

    /// <summary>OpenAI's API; <c>Endpoint</c> is optional (a proxy or gateway in front of OpenAI).</summary>
    OpenAI,

    /// <summary>
    /// Azure OpenAI through its OpenAI-compatible v1 API (<c>https://RESOURCE.openai.azure.com/openai/v1/</c>);
    /// <c>Model</c> is the deployment name. A bare resource endpoint gets <c>/openai/v1/</c> appended.
    /// </summary>
    AzureOpenAI,

    /// <summary>Any server that speaks the OpenAI chat completions API (Ollama, vLLM, LiteLLM); the key is optional.</summary>
    OpenAICompatible,
}
