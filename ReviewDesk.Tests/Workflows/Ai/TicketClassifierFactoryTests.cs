using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ReviewDesk.Workflows.Ai;

namespace ReviewDesk.Tests.Workflows.Ai;

public sealed class TicketClassifierFactoryTests
{
    private sealed class FakeLocalClassifier(string provider) : ITicketClassifier, IDisposable
    {
        public string Provider => provider;

        public bool Disposed { get; private set; }

        public Task<ClassificationResult> ClassifyAsync(TicketText ticket, CancellationToken cancellationToken) =>
            Task.FromResult(new ClassificationResult(
                new Classification("general_inquiry", "P3", "en", "neutral", 0.5, "fake", provider, "fake-local"), null));

        public void Dispose() => Disposed = true;
    }

    private sealed class FakeLocalSource : ILocalClassifierSource
    {
        public List<string> Created { get; } = [];

        public ITicketClassifier Create(string providerName, AiProviderOptions options)
        {
            Created.Add(providerName);
            return new FakeLocalClassifier(providerName);
        }
    }

    [Fact]
    public void Get_NoNameAndNoDefaultConfigured_ReturnsBuiltInLocalProvider()
    {
        // Arrange
        using var services = BuildServices([]);
        var factory = services.GetRequiredService<ITicketClassifierFactory>();

        // Act
        var classifier = factory.Get(null);

        // Assert
        Assert.Equal("local", Assert.IsType<FakeLocalClassifier>(classifier).Provider);
        Assert.True(factory.IsConfigured("local"));
    }

    [Fact]
    public void Get_NoNameWithDefaultConfigured_ReturnsDefaultProvider()
    {
        // Arrange
        using var services = BuildServices(new()
        {
            ["Ai:Defaults:Classify"] = "gateway",
            ["Ai:Providers:gateway:Type"] = "OpenAICompatible",
            ["Ai:Providers:gateway:Endpoint"] = "http://127.0.0.1:9/v1",
            ["Ai:Providers:gateway:Model"] = "llama3.1:8b",
        });
        var factory = services.GetRequiredService<ITicketClassifierFactory>();

        // Act
        var classifier = factory.Get("");

        // Assert
        var kernel = Assert.IsType<KernelTicketClassifier>(classifier);
        Assert.Equal(("gateway", "llama3.1:8b"), (kernel.ProviderName, kernel.Model));
    }

    [Fact]
    public void Get_NamedProviders_ReturnsEachByNameAndCachesIgnoringCase()
    {
        // Arrange
        using var services = BuildServices(new()
        {
            ["Ai:Providers:openai:Type"] = "OpenAI",
            ["Ai:Providers:openai:Model"] = "gpt-4o-mini",
            ["Ai:Providers:openai:ApiKey"] = "sk-test",
            ["Ai:Providers:onnx:Type"] = "Local",
        });
        var factory = services.GetRequiredService<ITicketClassifierFactory>();

        // Act
        var openAi = factory.Get("openai");
        var openAiAgain = factory.Get("OpenAI");
        var onnx = factory.Get("onnx");
        var local = factory.Get("local");

        // Assert
        Assert.Equal("openai", Assert.IsType<KernelTicketClassifier>(openAi).ProviderName);
        Assert.Same(openAi, openAiAgain);
        Assert.Equal("onnx", Assert.IsType<FakeLocalClassifier>(onnx).Provider);
        Assert.Equal("local", Assert.IsType<FakeLocalClassifier>(local).Provider);
        Assert.Equal(["onnx", "local"], services.GetRequiredService<FakeLocalSource>().Created);
    }

    [Fact]
    public void Get_UnknownProvider_ThrowsInvalidOperationNamingIt()
    {
        // Arrange
        using var services = BuildServices([]);
        var factory = services.GetRequiredService<ITicketClassifierFactory>();

        // Act
        var error = Assert.Throws<InvalidOperationException>(() => factory.Get("claude"));

        // Assert
        Assert.Contains("'claude'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Ai:Providers:claude", error.Message, StringComparison.Ordinal);
        Assert.False(factory.IsConfigured("claude"));
    }

    [Theory]
    [InlineData("OpenAICompatible", null, "m", null)]
    [InlineData("OpenAICompatible", "http://127.0.0.1:9/v1", null, null)]
    [InlineData("OpenAICompatible", "not a url", "m", null)]
    [InlineData("OpenAI", null, "gpt-4o-mini", null)]
    [InlineData("OpenAI", null, null, "sk-test")]
    [InlineData("AzureOpenAI", "https://contoso.openai.azure.com", "triage-deployment", null)]
    [InlineData("AzureOpenAI", null, "triage-deployment", "key")]
    [InlineData(null, "http://127.0.0.1:9/v1", "m", "key")]
    public void IsConfigured_IncompleteProvider_ReturnsFalse(string? type, string? endpoint, string? model, string? apiKey)
    {
        // Arrange
        using var services = BuildServices(Provider("partial", type, endpoint, model, apiKey));
        var factory = services.GetRequiredService<ITicketClassifierFactory>();

        // Act
        var configured = factory.IsConfigured("partial");

        // Assert
        Assert.False(configured);
        Assert.Throws<InvalidOperationException>(() => factory.Get("partial"));
    }

    [Theory]
    [InlineData("OpenAICompatible", "http://127.0.0.1:9/v1", "m", null)]
    [InlineData("OpenAI", null, "gpt-4o-mini", "sk-test")]
    [InlineData("OpenAI", "https://gateway.example/v1", "gpt-4o-mini", "sk-test")]
    [InlineData("AzureOpenAI", "https://contoso.openai.azure.com", "triage-deployment", "key")]
    [InlineData("Local", null, null, null)]
    public void IsConfigured_CompleteProvider_ReturnsTrue(string type, string? endpoint, string? model, string? apiKey)
    {
        // Arrange
        using var services = BuildServices(Provider("complete", type, endpoint, model, apiKey));
        var factory = services.GetRequiredService<ITicketClassifierFactory>();

        // Act
        var configured = factory.IsConfigured("complete");

        // Assert
        Assert.True(configured);
        Assert.NotNull(factory.Get("complete"));
    }

    [Fact]
    public void Get_IncompleteProvider_MessageNamesMissingKeysButNoSecret()
    {
        // Arrange
        using var services = BuildServices(Provider("azure", "AzureOpenAI", "https://contoso.openai.azure.com", null, "secret-key-value"));
        var factory = services.GetRequiredService<ITicketClassifierFactory>();

        // Act
        var error = Assert.Throws<InvalidOperationException>(() => factory.Get("azure"));

        // Assert
        Assert.Contains("Model", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-key-value", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    public void Get_ProviderWithoutAPositiveMaxConcurrentRequests_IsNotConfiguredAndTheMessageSaysWhy(string value)
    {
        // Arrange
        var settings = Provider("gateway", "OpenAICompatible", "http://127.0.0.1:9/v1", "m", null);
        settings["Ai:Providers:gateway:MaxConcurrentRequests"] = value;
        using var services = BuildServices(settings);
        var factory = services.GetRequiredService<ITicketClassifierFactory>();

        // Act
        var error = Assert.Throws<InvalidOperationException>(() => factory.Get("gateway"));

        // Assert
        Assert.False(factory.IsConfigured("gateway"));
        Assert.Contains("MaxConcurrentRequests (must be positive)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IsConfigured_LocalWithoutRegisteredSource_ReturnsFalse()
    {
        // Arrange
        using var services = BuildServices([], registerLocal: false);
        var factory = services.GetRequiredService<ITicketClassifierFactory>();

        // Act
        var configured = factory.IsConfigured("local");

        // Assert
        Assert.False(configured);
        Assert.Contains(nameof(ILocalClassifierSource), Assert.Throws<InvalidOperationException>(() => factory.Get(null)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddReviewDeskAi_ByDefault_PlugsTheMlNetModelIntoTheLocalProvider()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ai:Local:ModelDirectory"] = Path.Combine(Path.GetTempPath(), "reviewdesk-tests-models"),
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddReviewDeskAi(configuration).BuildServiceProvider();
        var factory = services.GetRequiredService<ITicketClassifierFactory>();

        var local = factory.Get("local");

        Assert.True(factory.IsConfigured("local"));
        Assert.IsType<ReviewDesk.Workflows.Ai.Local.LocalTicketClassifier>(local);
    }

    [Fact]
    public void AddReviewDeskAi_ProviderSection_BindsEveryKey()
    {
        // Arrange
        using var services = BuildServices(new()
        {
            ["Ai:Providers:gateway:Type"] = "OpenAICompatible",
            ["Ai:Providers:gateway:Endpoint"] = "http://127.0.0.1:9/v1",
            ["Ai:Providers:gateway:Model"] = "m",
            ["Ai:Providers:gateway:ApiKey"] = "k",
            ["Ai:Providers:gateway:InputPricePer1K"] = "0.15",
            ["Ai:Providers:gateway:OutputPricePer1K"] = "0.6",
            ["Ai:Providers:slow:Type"] = "OpenAICompatible",
            ["Ai:Providers:slow:TimeoutSeconds"] = "120",
            ["Ai:Providers:slow:MaxConcurrentRequests"] = "2",
        });

        // Act
        var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AiOptions>>().Value;

        // Assert
        var gateway = options.Providers["GATEWAY"];
        Assert.Equal(
            (AiProviderType.OpenAICompatible, "http://127.0.0.1:9/v1", "m", "k", 60, 0.15m, 0.6m),
            (gateway.Type, gateway.Endpoint, gateway.Model, gateway.ApiKey, gateway.TimeoutSeconds, gateway.InputPricePer1K, gateway.OutputPricePer1K));
        Assert.Equal(120, options.Providers["slow"].TimeoutSeconds);
        Assert.Equal((AiProviderOptions.DefaultMaxConcurrentRequests, 2), (gateway.MaxConcurrentRequests, options.Providers["slow"].MaxConcurrentRequests));
        Assert.Equal(AiProviderType.Local, options.Providers["local"].Type);
        Assert.Equal("local", options.Defaults.Classify);
    }

    [Fact]
    public async Task Get_ConfiguredProvider_ClassifiesThroughThatServer()
    {
        // Arrange
        await using var server = await ScriptedOpenAiServer.StartAsync(TestContext.Current.CancellationToken);
        server.Enqueue(ScriptedOpenAiServer.Answer(new
        {
            category = "security",
            priority = "P1",
            language = "de",
            sentiment = "negative",
            confidence = 0.9,
            rationale = "Phishing.",
        }));
        using var services = BuildServices(Provider("ollama", "OpenAICompatible", server.Endpoint.ToString(), "llama3.1:8b", null));
        var classifier = services.GetRequiredService<ITicketClassifierFactory>().Get("ollama");

        // Act
        var result = await classifier.ClassifyAsync(new TicketText("Verdächtige Mail", "Ist das Phishing?"), TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(("security", "P1", "de", "ollama", "llama3.1:8b"),
            (result.Classification.Category, result.Classification.Priority, result.Classification.Language, result.Classification.Provider, result.Classification.Model));
        Assert.Equal(["/v1/chat/completions"], server.RequestPaths);
    }

    [Fact]
    public async Task Get_AzureOpenAIWithResourceEndpoint_PostsToItsV1Api()
    {
        // Arrange
        await using var server = await ScriptedOpenAiServer.StartAsync(TestContext.Current.CancellationToken);
        server.Enqueue(ScriptedOpenAiServer.Answer(new
        {
            category = "refund",
            priority = "P3",
            language = "en",
            sentiment = "neutral",
            confidence = 0.7,
            rationale = "Refund request.",
        }));
        var resource = server.Endpoint.GetLeftPart(UriPartial.Authority);
        using var services = BuildServices(Provider("azure", "AzureOpenAI", resource, "triage-deployment", "azure-key"));
        var classifier = services.GetRequiredService<ITicketClassifierFactory>().Get("azure");

        // Act
        var result = await classifier.ClassifyAsync(new TicketText("Refund", "I want my money back."), TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal("refund", result.Classification.Category);
        Assert.Equal(["/openai/v1/chat/completions"], server.RequestPaths);
        Assert.Equal("triage-deployment", (string?)server.RequestJson(0)["model"]);
    }

    [Fact]
    public void Dispose_CreatedClassifiers_AreDisposed()
    {
        // Arrange
        var services = BuildServices([]);
        var local = Assert.IsType<FakeLocalClassifier>(services.GetRequiredService<ITicketClassifierFactory>().Get("local"));

        // Act
        services.Dispose();

        // Assert
        Assert.True(local.Disposed);
    }

    private static Dictionary<string, string?> Provider(string name, string? type, string? endpoint, string? model, string? apiKey) => new()
    {
        [$"Ai:Providers:{name}:Type"] = type,
        [$"Ai:Providers:{name}:Endpoint"] = endpoint,
        [$"Ai:Providers:{name}:Model"] = model,
        [$"Ai:Providers:{name}:ApiKey"] = apiKey,
    };

    private static ServiceProvider BuildServices(Dictionary<string, string?> settings, bool registerLocal = true)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        if (registerLocal)
        {
            services.AddSingleton<FakeLocalSource>();
            services.AddSingleton<ILocalClassifierSource>(sp => sp.GetRequiredService<FakeLocalSource>());
        }

        services.AddReviewDeskAi(configuration);
        if (!registerLocal)
        {
            // AddReviewDeskAi registers the ML.NET source; take it away to see the factory without one.
            services.RemoveAll<ILocalClassifierSource>();
        }

        return services.BuildServiceProvider();
    }
}
