using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using OpenAI.Chat;
using ReviewDesk.Engine.Activities;

namespace ReviewDesk.Workflows.Ai;

/// <summary>
/// Classifies tickets with a chat model through Semantic Kernel's OpenAI connector (OpenAI, Azure OpenAI
/// through its v1 API, or any OpenAI-compatible server). The prompt is <see cref="ClassificationPrompt"/>,
/// the answer is structured output (json_schema, strict) checked against <see cref="TicketLabels"/>, and
/// every rendered prompt passes the <see cref="PiiPromptFilter"/>. One call makes exactly one HTTP
/// request: the workflow runtime owns retries. Failures are <see cref="ActivityException"/>s with kinds
/// from <see cref="AiErrorKinds"/>; cancellation by the caller stays an <see cref="OperationCanceledException"/>.
/// </summary>
public sealed partial class KernelTicketClassifier : ITicketClassifier, IDisposable
{
    private static readonly Uri _azureV1Path = new("openai/v1/", UriKind.Relative);

    private readonly AiProviderOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<KernelTicketClassifier> _logger;
    private readonly HttpClient _httpClient;
    private readonly Kernel _kernel;
    private readonly KernelFunction _function;
    private readonly TimeSpan _timeout;
    private readonly SemaphoreSlim _requests;

    /// <summary>Builds the kernel of one provider.</summary>
    /// <param name="providerName">The configured provider name, reported in <see cref="Classification.Provider"/>.</param>
    /// <param name="options">The provider's settings; its type must not be Local and <see cref="AiProviderOptions.FindProblems"/> must be empty.</param>
    /// <param name="piiFilter">The guard every rendered prompt passes.</param>
    /// <param name="timeProvider">Clock of the call timeout and of Retry-After dates.</param>
    /// <param name="logger">Logs outcomes with provider, model, tokens and error kinds (never ticket text).</param>
    public KernelTicketClassifier(
        string providerName, AiProviderOptions options, PiiPromptFilter piiFilter, TimeProvider timeProvider, ILogger<KernelTicketClassifier> logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(providerName);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(piiFilter);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        if (options.Type is null or AiProviderType.Local)
        {
            throw new ArgumentException($"Provider '{providerName}' is not a chat-model provider (Type {options.Type}).", nameof(options));
        }

        var problems = options.FindProblems();
        if (problems.Count > 0)
        {
            throw new ArgumentException($"Provider '{providerName}' is incomplete: {string.Join(", ", problems)}.", nameof(options));
        }

        ProviderName = providerName;
        Model = options.Model!;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
        _timeout = TimeSpan.FromSeconds(options.TimeoutSeconds);
        _requests = new SemaphoreSlim(options.MaxConcurrentRequests, options.MaxConcurrentRequests);

        // The call's own CancellationTokenSource enforces TimeoutSeconds, so it can tell a timeout from
        // the caller's cancellation; the HttpClient must not race it with a timeout of its own.
        _httpClient = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };

        // No logger factory: Semantic Kernel logs rendered prompts and answers at trace level.
        var builder = Kernel.CreateBuilder();
        var endpoint = ResolveEndpoint(options);
        if (endpoint is null)
        {
            builder.AddOpenAIChatCompletion(Model, options.ApiKey!, httpClient: _httpClient);
        }
        else
        {
            // With a caller-supplied HttpClient the connector disables the OpenAI client's retries: one attempt per call.
            builder.AddOpenAIChatCompletion(Model, endpoint, options.ApiKey, httpClient: _httpClient);
        }

        builder.Services.AddSingleton<IPromptRenderFilter>(piiFilter);
        _kernel = builder.Build();
        _function = KernelFunctionFactory.CreateFromPrompt(
            new PromptTemplateConfig(ClassificationPrompt.Template)
            {
                Name = "ClassifyTicket",
                InputVariables = [new() { Name = ClassificationPrompt.SubjectVariable }, new() { Name = ClassificationPrompt.BodyVariable }],
                ExecutionSettings = { [PromptExecutionSettings.DefaultServiceId] = CreateExecutionSettings() },
            });
    }

    /// <summary>The configured provider name.</summary>
    public string ProviderName { get; }

    /// <summary>The model id (Azure OpenAI: the deployment name).</summary>
    public string Model { get; }

    /// <summary>The version of the prompt this classifier sends.</summary>
    public string PromptVersion => ClassificationPrompt.Version;

    /// <inheritdoc />
    public async Task<ClassificationResult> ClassifyAsync(TicketText ticket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        cancellationToken.ThrowIfCancellationRequested();

        // At most MaxConcurrentRequests calls in flight; the wait for a turn is not part of the call's timeout.
        await _requests.WaitAsync(cancellationToken);
        try
        {
            return await SendAsync(ticket, cancellationToken);
        }
        finally
        {
            _requests.Release();
        }
    }

    private async Task<ClassificationResult> SendAsync(TicketText ticket, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var arguments = new KernelArguments
        {
            [ClassificationPrompt.SubjectVariable] = ticket.Subject,
            [ClassificationPrompt.BodyVariable] = ticket.Body,
        };

        var started = _timeProvider.GetTimestamp();
        FunctionResult result;
        try
        {
            result = await _kernel.InvokeAsync(_function, arguments, linked.Token);
        }
        catch (ActivityException ex)
        {
            LogFailure(ex);
            throw;
        }
        catch (OperationCanceledException ex)
        {
            throw MapCancellation(ex, cancellationToken, timeout.Token);
        }
        catch (HttpOperationException ex)
        {
            throw MapFailure(ex, cancellationToken, timeout.Token);
        }

        var elapsed = _timeProvider.GetElapsedTime(started);
        var classification = ClassificationResponse.TryParse(result.GetValue<string>(), ProviderName, Model, out var problem);
        if (classification is null)
        {
            var malformed = new ActivityException(AiErrorKinds.MalformedOutput, $"Provider '{ProviderName}' answered with unusable output: {problem}.");
            LogFailure(malformed);
            throw malformed;
        }

        var usage = ReadUsage(result);
        _logger.LogInformation(
            "Classified with {Provider} ({Model}, prompt {PromptVersion}) in {ElapsedMs} ms; tokens {InputTokens}/{OutputTokens}",
            ProviderName, Model, PromptVersion, (long)elapsed.TotalMilliseconds, usage?.InputTokens, usage?.OutputTokens);
        return new ClassificationResult(classification, usage);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _httpClient.Dispose();
        _requests.Dispose();
    }

    private static OpenAIPromptExecutionSettings CreateExecutionSettings() => new()
    {
        ResponseFormat = typeof(ClassificationResponse),
        Temperature = 0,
    };

    private static Uri? ResolveEndpoint(AiProviderOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Endpoint))
        {
            return null;
        }

        var endpoint = new Uri(options.Endpoint, UriKind.Absolute);
        if (options.Type == AiProviderType.AzureOpenAI && endpoint.AbsolutePath is "" or "/")
        {
            // A bare resource address (https://NAME.openai.azure.com): Azure OpenAI serves the OpenAI API under /openai/v1/.
            endpoint = new Uri(endpoint, _azureV1Path);
        }

        return endpoint;
    }

    private TokenUsage? ReadUsage(FunctionResult result)
    {
        if (result.Metadata is null || !result.Metadata.TryGetValue("Usage", out var value) || value is not ChatTokenUsage usage)
        {
            return null;
        }

        decimal? cost = _options.InputPricePer1K is null && _options.OutputPricePer1K is null
            ? null
            : (usage.InputTokenCount * (_options.InputPricePer1K ?? 0m) + usage.OutputTokenCount * (_options.OutputPricePer1K ?? 0m)) / 1000m;
        return new TokenUsage(usage.InputTokenCount, usage.OutputTokenCount, cost);
    }
}
