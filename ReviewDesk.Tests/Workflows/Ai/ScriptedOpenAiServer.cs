using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ReviewDesk.Tests.Workflows.Ai;

/// <summary>
/// An OpenAI-compatible chat completions server on Kestrel (127.0.0.1, a free port) that answers each
/// request with the next scripted reply, so the real Semantic Kernel connector runs against it. It
/// counts requests and records their bodies. A request with no reply scripted gets HTTP 599.
/// </summary>
public sealed class ScriptedOpenAiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Reply> _replies = new();
    private readonly ConcurrentQueue<string> _bodies = new();
    private readonly ConcurrentQueue<string> _paths = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _firstRequest = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _requestCount;
    private int _inFlight;
    private int _maxInFlight;

    private ScriptedOpenAiServer(WebApplication app) => _app = app;

    /// <summary>A scripted answer to one request.</summary>
    public abstract record Reply;

    /// <summary>HTTP 200 with a chat completion whose message content is <paramref name="Content"/>.</summary>
    public sealed record CompletionReply(string Content, int PromptTokens, int CompletionTokens) : Reply;

    /// <summary>Any status with a body and headers.</summary>
    public sealed record StatusReply(int Status, string Body, IReadOnlyDictionary<string, string> Headers) : Reply;

    /// <summary>Never answers; the request ends when the client gives up.</summary>
    public sealed record HangReply : Reply;

    /// <summary>Waits <paramref name="Delay"/>, then answers with <paramref name="Then"/> (a slow model).</summary>
    public sealed record DelayedReply(TimeSpan Delay, Reply Then) : Reply;

    /// <summary>The base address to configure as <c>Endpoint</c> (…/v1).</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>Chat completion requests received.</summary>
    public int RequestCount => Volatile.Read(ref _requestCount);

    /// <summary>The most requests the server has held at once.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>The request bodies, in arrival order.</summary>
    public IReadOnlyList<string> RequestBodies => [.. _bodies];

    /// <summary>The request paths, in arrival order.</summary>
    public IReadOnlyList<string> RequestPaths => [.. _paths];

    /// <summary>Completes when the first request arrives.</summary>
    public Task FirstRequest => _firstRequest.Task;

    /// <summary>Starts a server.</summary>
    public static async Task<ScriptedOpenAiServer> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new ScriptedOpenAiServer(app);
        app.MapPost("/v1/chat/completions", server.HandleAsync);
        app.MapPost("/openai/v1/chat/completions", server.HandleAsync); // Azure OpenAI's v1 shape
        await app.StartAsync(cancellationToken);
        server.Endpoint = new Uri($"{app.Urls.Single()}/v1");
        return server;
    }

    /// <summary>Scripts the next replies.</summary>
    public ScriptedOpenAiServer Enqueue(params Reply[] replies)
    {
        foreach (var reply in replies)
        {
            _replies.Enqueue(reply);
        }

        return this;
    }

    /// <summary>A completion whose content is <paramref name="answer"/> serialized as JSON.</summary>
    public static CompletionReply Answer(object answer, int promptTokens = 120, int completionTokens = 30) =>
        new(JsonSerializer.Serialize(answer), promptTokens, completionTokens);

    /// <summary>A status reply, e.g. 429 with <c>Retry-After</c>.</summary>
    public static StatusReply Status(int status, params (string Name, string Value)[] headers) =>
        new(status, $$$"""{"error":{"message":"scripted {{{status}}}","type":"scripted","code":null}}""", headers.ToDictionary(h => h.Name, h => h.Value));

    /// <summary>The request bodies parsed as JSON.</summary>
    public JsonNode RequestJson(int index) => JsonNode.Parse(RequestBodies[index])!;

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var inFlight = Interlocked.Increment(ref _inFlight);
        for (var seen = Volatile.Read(ref _maxInFlight); inFlight > seen; seen = Volatile.Read(ref _maxInFlight))
        {
            if (Interlocked.CompareExchange(ref _maxInFlight, inFlight, seen) == seen) break;
        }

        try
        {
            await ReplyAsync(context);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task ReplyAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        _bodies.Enqueue(body);
        _paths.Enqueue(context.Request.Path.Value ?? string.Empty);
        Interlocked.Increment(ref _requestCount);
        _firstRequest.TrySetResult();

        if (!_replies.TryDequeue(out var reply))
        {
            reply = new StatusReply(599, """{"error":{"message":"no reply scripted"}}""", new Dictionary<string, string>());
        }

        if (reply is DelayedReply delayed)
        {
            await Task.Delay(delayed.Delay, context.RequestAborted);
            reply = delayed.Then;
        }

        switch (reply)
        {
            case CompletionReply completion:
                await WriteCompletionAsync(context, JsonNode.Parse(body)?["model"]?.GetValue<string>() ?? "unknown", completion);
                break;
            case StatusReply status:
                context.Response.StatusCode = status.Status;
                foreach (var (name, value) in status.Headers)
                {
                    context.Response.Headers[name] = value;
                }

                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(status.Body, context.RequestAborted);
                break;
            case HangReply:
                using (var either = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token))
                {
                    try
                    {
                        await Task.Delay(Timeout.Infinite, either.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        // The client gave up or the server stops: the point of this reply.
                    }
                }

                break;
        }
    }

    private static Task WriteCompletionAsync(HttpContext context, string model, CompletionReply reply)
    {
        var completion = new JsonObject
        {
            ["id"] = "chatcmpl-scripted",
            ["object"] = "chat.completion",
            ["created"] = 1_750_000_000,
            ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = reply.Content, ["refusal"] = null },
                ["logprobs"] = null,
                ["finish_reason"] = "stop",
            }),
            ["usage"] = new JsonObject
            {
                ["prompt_tokens"] = reply.PromptTokens,
                ["completion_tokens"] = reply.CompletionTokens,
                ["total_tokens"] = reply.PromptTokens + reply.CompletionTokens,
            },
        };
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(completion.ToJsonString(), context.RequestAborted);
    }
}
