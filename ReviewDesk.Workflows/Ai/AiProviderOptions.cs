namespace ReviewDesk.Workflows.Ai;

/// <summary>One AI provider, bound from <c>Ai:Providers:&lt;name&gt;</c>.</summary>
public sealed class AiProviderOptions
{
    /// <summary>The default <see cref="TimeoutSeconds"/>.</summary>
    public const int DefaultTimeoutSeconds = 60;

    /// <summary>How the provider is reached; required (the built-in <c>local</c> provider is <see cref="AiProviderType.Local"/>).</summary>
    public AiProviderType? Type { get; set; }

    /// <summary>
    /// Base address of the API, e.g. <c>http://localhost:11434/v1</c>; chat completions are posted to
    /// <c>{Endpoint}/chat/completions</c>. Required for Azure OpenAI and OpenAI-compatible servers.
    /// </summary>
    public string? Endpoint { get; set; }

    /// <summary>The model id (for Azure OpenAI: the deployment name). Required for every type but Local.</summary>
    public string? Model { get; set; }

    /// <summary>The API key. Required for OpenAI and Azure OpenAI; optional for OpenAI-compatible servers. Never logged.</summary>
    public string? ApiKey { get; set; }

    /// <summary>How long one call may take before it fails with <see cref="AiErrorKinds.Timeout"/>. Default 60.</summary>
    public int TimeoutSeconds { get; set; } = DefaultTimeoutSeconds;

    /// <summary>The default <see cref="MaxConcurrentRequests"/>.</summary>
    public const int DefaultMaxConcurrentRequests = 8;

    /// <summary>
    /// How many calls this process sends the provider at once; the others wait their turn (their
    /// <see cref="TimeoutSeconds"/> starts when they are sent). A node runs up to <c>Workflows:Worker:MaxConcurrency</c>
    /// steps at once, and a rate-limited API answers a burst of that size with 429s. Default 8.
    /// </summary>
    public int MaxConcurrentRequests { get; set; } = DefaultMaxConcurrentRequests;

    /// <summary>Price of 1,000 input tokens, for <see cref="TokenUsage.EstimatedCost"/>; optional.</summary>
    public decimal? InputPricePer1K { get; set; }

    /// <summary>Price of 1,000 output tokens, for <see cref="TokenUsage.EstimatedCost"/>; optional.</summary>
    public decimal? OutputPricePer1K { get; set; }

    /// <summary>
    /// The settings this provider lacks for its <see cref="Type"/> (names of configuration keys, e.g.
    /// <c>Endpoint</c>), or invalid ones; empty when it is usable.
    /// </summary>
    /// <returns>Key names with a short reason, never a configured value.</returns>
    public IReadOnlyList<string> FindProblems()
    {
        var problems = new List<string>();
        if (Type is null)
        {
            problems.Add("Type (Local, LocalSemantic, OpenAI, AzureOpenAI or OpenAICompatible)");
            return problems;
        }

        if (Type is AiProviderType.Local or AiProviderType.LocalSemantic)
        {
            return problems;
        }

        var endpointRequired = Type is AiProviderType.AzureOpenAI or AiProviderType.OpenAICompatible;
        if (string.IsNullOrWhiteSpace(Endpoint))
        {
            if (endpointRequired)
            {
                problems.Add("Endpoint");
            }
        }
        else if (!Uri.TryCreate(Endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            problems.Add("Endpoint (not an absolute http or https address)");
        }

        if (string.IsNullOrWhiteSpace(Model))
        {
            problems.Add(Type == AiProviderType.AzureOpenAI ? "Model (the deployment name)" : "Model");
        }

        if (Type is AiProviderType.OpenAI or AiProviderType.AzureOpenAI && string.IsNullOrWhiteSpace(ApiKey))
        {
            problems.Add("ApiKey");
        }

        if (TimeoutSeconds <= 0)
        {
            problems.Add("TimeoutSeconds (must be positive)");
        }

        if (MaxConcurrentRequests <= 0)
        {
            problems.Add("MaxConcurrentRequests (must be positive)");
        }

        if (InputPricePer1K < 0 || OutputPricePer1K < 0)
        {
            problems.Add("InputPricePer1K/OutputPricePer1K (must not be negative)");
        }

        return problems;
    }
}
