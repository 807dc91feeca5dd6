using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ReviewDesk.Tests.Support;

/// <summary>
/// A webhook receiver on Kestrel at 127.0.0.1: answers each POST as scripted (500, hang, 200), records it, and checks
/// its signature the way the README tells integrators to (HMAC-SHA256 over "{t}.{body}", computed here, not by the product).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public const string Secret = "whsec_test_0123456789abcdef";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Reply> _script = new();
    private readonly List<ReceivedWebhook> _received = [];
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _arrived = new(0);

    private WebhookReceiver(WebApplication app) => _app = app;

    public enum Reply
    {
        Ok,
        ServerError,
        Hang,
    }

    public Uri Url { get; private set; } = null!;

    /// <summary>How long the receiver takes before answering 200 (a slow receiver).</summary>
    public TimeSpan Delay { get; set; }

    public IReadOnlyList<ReceivedWebhook> Received
    {
        get
        {
            lock (_gate) return [.. _received];
        }
    }

    /// <summary>Answers the next requests so, in order; then 200.</summary>
    public void Enqueue(params Reply[] replies)
    {
        foreach (var reply in replies) _script.Enqueue(reply);
    }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook", receiver.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        receiver.Url = new Uri(new Uri(address), "/hook");
        return receiver;
    }

    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(Func<ReceivedWebhook, bool> predicate, int count = 1, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var matching = Received.Where(predicate).ToList();
            if (matching.Count >= count) return matching;
            try
            {
                await _arrived.WaitAsync(TimeSpan.FromMilliseconds(200), cts.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"{matching.Count} of {count} expected webhook calls arrived ({Received.Count} in all)");
            }
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        var signature = context.Request.Headers["ReviewDesk-Signature"].ToString();
        var reply = _script.TryDequeue(out var next) ? next : Reply.Ok;
        var webhook = new ReceivedWebhook(context.Request.Headers["ReviewDesk-Event-Id"].ToString(), context.Request.Headers["ReviewDesk-Event-Type"].ToString(),
            Encoding.UTF8.GetString(body), signature, IsSigned(signature, body), reply, DateTimeOffset.UtcNow);
        lock (_gate) _received.Add(webhook);
        _arrived.Release();
        switch (reply)
        {
            case Reply.ServerError:
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                return;
            case Reply.Hang:
                // Never answers: the sender's timeout ends the request.
                await Task.Delay(Timeout.InfiniteTimeSpan, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            default:
                if (Delay > TimeSpan.Zero) await Task.Delay(Delay, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                return;
        }
    }

    /// <summary>The README's recipe: t and v1 from the header, HMAC-SHA256(secret, t + "." + raw body), constant-time compare, 5 minutes' tolerance.</summary>
    private static bool IsSigned(string header, byte[] body)
    {
        var parts = header.Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        if (!parts.TryGetValue("t", out var t) || !parts.TryGetValue("v1", out var v1)) return false;
        if (Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - long.Parse(t, System.Globalization.CultureInfo.InvariantCulture)) > 300) return false;
        byte[] signed = [.. Encoding.ASCII.GetBytes(t + "."), .. body];
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), signed);
        return CryptographicOperations.FixedTimeEquals(Convert.FromHexString(v1), expected);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _arrived.Dispose();
    }
}

/// <summary>One POST the receiver got.</summary>
public sealed record ReceivedWebhook(string EventId, string EventType, string Body, string Signature, bool SignatureValid, WebhookReceiver.Reply Reply, DateTimeOffset At);
