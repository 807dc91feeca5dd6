using System.Buffers;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace ReviewDesk.Tests.Support;

/// <summary>A real SMTP server (the SmtpServer package) on 127.0.0.1 that keeps every message it receives, parsed by MimeKit.</summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<ReceivedMail> _messages = [];
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private Task _running = Task.CompletedTask;

    private TestSmtpServer(int port) => Port = port;

    public int Port { get; }

    /// <summary>How long the server takes before it accepts each message (a slow server: the client waits, the message is already stored).</summary>
    public TimeSpan DelayPerMessage { get; set; }

    public IReadOnlyList<ReceivedMail> Messages
    {
        get
        {
            lock (_gate) return [.. _messages];
        }
    }

    public static async Task<TestSmtpServer> StartAsync()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        var smtp = new TestSmtpServer(port);
        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(smtp));
        var server = new SmtpServer.SmtpServer(options, services);
        smtp._running = server.StartAsync(smtp._stop.Token);
        // The listener binds in the background: wait until it accepts a connection.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port);
                return smtp;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }
        }
    }

    /// <summary>Waits until <paramref name="count"/> messages match <paramref name="predicate"/>; returns them.</summary>
    public async Task<IReadOnlyList<ReceivedMail>> WaitForAsync(Func<ReceivedMail, bool> predicate, int count = 1, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var matching = Messages.Where(predicate).ToList();
            if (matching.Count >= count) return matching;
            try
            {
                await _arrived.WaitAsync(TimeSpan.FromMilliseconds(200), cts.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"{matching.Count} of {count} expected messages arrived; all received: {string.Join("; ", Messages.Select(m => $"{m.MessageId} to {string.Join(",", m.To)}"))}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        _stop.Dispose();
        _arrived.Dispose();
    }

    private sealed class Store(TestSmtpServer owner) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            var mail = new ReceivedMail(message.MessageId ?? "", [.. transaction.To.Select(t => $"{t.User}@{t.Host}")], message.Subject ?? "",
                message.TextBody ?? "", message.HtmlBody ?? "", message.Headers["X-ReviewDesk-Ticket"], DateTimeOffset.UtcNow);
            lock (owner._gate) owner._messages.Add(mail);
            owner._arrived.Release();
            if (owner.DelayPerMessage > TimeSpan.Zero) await Task.Delay(owner.DelayPerMessage, cancellationToken);
            return SmtpResponse.Ok;
        }
    }
}

/// <summary>One message the test SMTP server received.</summary>
public sealed record ReceivedMail(string MessageId, IReadOnlyList<string> To, string Subject, string Text, string Html, string? TicketId, DateTimeOffset At)
{
    /// <summary>The URL on the text body's line starting with <paramref name="label"/> (e.g. "Approve").</summary>
    public string Link(string label) =>
        Text.Split('\n').Select(l => l.Trim()).First(l => l.StartsWith(label + ": ", StringComparison.Ordinal))[(label.Length + 2)..];
}
