using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace ReviewDesk.Harness;

/// <summary>
/// Measures submit-to-visible latency of the review hub: starts the real web app as a child process
/// (Kestrel on 127.0.0.1), connects the real SignalR .NET client to <c>/hubs/review</c> over
/// WebSockets, and for each ticket takes the time from just before <c>POST /api/tickets</c> to the
/// arrival of that ticket's <c>Added</c> change. Tickets go in one at a time by default, or
/// <c>--concurrency N</c> at a time (each of N loops submits, waits for its Added change, repeats).
/// </summary>
internal static class HubLatencyCommand
{
    public const string Variant = "hub-latency";
    private const string ApiKeyHeader = "X-Api-Key";
    private const string QueueChanged = "QueueChanged";
    private const string HubPath = "/hubs/review";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    // The first warm-up ticket waits for the local model to train (about 10 s on 2 cores).
    private static readonly TimeSpan WarmUpTimeout = TimeSpan.FromSeconds(120);

    private static readonly (string Subject, string Body)[] Texts =
    [
        ("Charge I do not recognise", "My invoice for March shows a second charge of 49.00 that I did not make. Can you check it and refund it?"),
        ("Cannot sign in after password reset", "I reset my password this morning and now the app says my account is locked. Please reply to jane.doe@example.com."),
        ("Parcel still not here", "The tracking page has said 'out for delivery' for four days. Where is my order?"),
        ("Export crashes", "Every time I export the monthly report to CSV the app closes without an error message."),
        ("Idea: dark mode", "It would be great if the dashboard had a dark theme for late shifts."),
    ];

    // Only the web app this verb starts (127.0.0.1, a throwaway folder) has these demo accounts.
    private static (string Email, string Password) DemoReviewer => ("reviewer@demo.example", "Demo-Reviewer-1");

    public static async Task<int> RunAsync(string[] args)
    {
        HubLatencyOptions options;
        try
        {
            options = HubLatencyOptions.Parse(args);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync($"hub-latency: {ex.Message}");
            return 2;
        }

        // Ctrl+C or a plain kill stops the measurement and still cleans up the web app and its folder.
        using var stop = new CancellationTokenSource();
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
        try
        {
            return await MeasureAsync(options, stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("hub-latency: cancelled");
            return 130;
        }
        catch (Exception ex)
        {
            // Our own failures say what happened; anything else also names its type (a socket or HTTP timeout, say).
            var reason = ex is InvalidOperationException or TimeoutException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}";
            await Console.Error.WriteLineAsync($"hub-latency: {OneLine(reason)}");
            return 1;
        }

        void Cancel(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
    }

    private static async Task<int> MeasureAsync(HubLatencyOptions options, CancellationToken cancellationToken)
    {
        await using var web = WebAppProcess.Start(options.WebAssembly ?? WebAppProcess.DefaultAssemblyPath(), demoUsers: options.Browser);
        using var http = new HttpClient { BaseAddress = web.BaseAddress, Timeout = options.Timeout };
        http.DefaultRequestHeaders.Add(ApiKeyHeader, web.ApiKey);
        await web.WaitUntilHealthyAsync(http, StartTimeout, cancellationToken);
        await ReviewVariantPublisher.PublishAsync(web.ConnectionString, Variant, StartTimeout, cancellationToken);

        var tracker = new AddedChangeTracker();
        HubConnection? hub = null;
        BrowserQueueWatcher? browser = null;
        if (options.Browser)
        {
            var reviewer = DemoReviewer;
            browser = await BrowserQueueWatcher.OpenAsync(web.BaseAddress, reviewer.Email, reviewer.Password, options.Chromium, tracker);
        }
        else
        {
            hub = new HubConnectionBuilder()
                .WithUrl(new Uri(web.BaseAddress, HubPath), connection =>
                {
                    connection.Headers[ApiKeyHeader] = web.ApiKey;
                    connection.Transports = HttpTransportType.WebSockets;
                })
                .Build();
            hub.On<JsonElement>(QueueChanged, tracker.OnQueueChanged);
            await hub.StartAsync(cancellationToken);
        }

        await using var closeHub = hub;
        await using var closeBrowser = browser;
        var load = await LoadAverageAsync(cancellationToken);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"hub-latency: {options.Tickets} tickets, concurrency {options.Concurrency}, {Environment.ProcessorCount} cores, .NET {Environment.Version}, web app at {web.BaseAddress}, watched by {(options.Browser ? "a reviewer's queue page in chromium" : "the hub's .NET client (WebSockets)")}{load}"));
        var warmUp = Stopwatch.StartNew();
        for (var i = 0; i < options.WarmUp; i++)
        {
            var (_, visible) = await SubmitAndWaitAsync(http, tracker, $"warm-up {i}", Texts[i % Texts.Length], WarmUpTimeout, options.Browser, cancellationToken);
            if (visible is null) throw new TimeoutException($"warm-up ticket {i} never became Added within {WarmUpTimeout.TotalSeconds:F0} s");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warm-up: {options.WarmUp} tickets in {warmUp.Elapsed.TotalSeconds:F1} s (includes training the local model)"));

        var posted = new double[options.Tickets];
        var visibleAfter = new double?[options.Tickets];
        var measured = Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, options.Tickets),
            new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                (posted[i], visibleAfter[i]) = await SubmitAndWaitAsync(http, tracker, $"ticket {i}", Texts[i % Texts.Length], options.Timeout, options.Browser, ct);
                web.ThrowIfExited();
                if (hub is not null && hub.State != HubConnectionState.Connected) throw new InvalidOperationException($"the hub connection is {hub.State}");
            });
        var elapsed = measured.Elapsed;

        var missing = visibleAfter.Count(v => v is null);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"submit to Added (ms): {LatencySummary.From(visibleAfter.OfType<double>())}  never arrived {missing} (timeout {options.Timeout.TotalSeconds:F0} s)"));
        Console.WriteLine($"POST to 202 (ms):     {LatencySummary.From(posted)}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wall time {elapsed.TotalSeconds:F1} s, {options.Tickets / elapsed.TotalSeconds:F0} tickets/s"));
        if (missing > 0)
        {
            await Console.Error.WriteLineAsync($"hub-latency: {missing} of {options.Tickets} tickets never became Added within {options.Timeout.TotalSeconds:F0} s");
            return 1;
        }

        return 0;
    }

    /// <summary>Submits one ticket to the variant; returns ms to the 202 and ms to its Added change (null: it did not arrive in time).</summary>
    private static async Task<(double Posted, double? Visible)> SubmitAndWaitAsync(
        HttpClient http, AddedChangeTracker tracker, string label, (string Subject, string Body) text, TimeSpan timeout, bool approve, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        using var response = await http.PostAsJsonAsync("/api/tickets", new { subject = $"{text.Subject} ({label})", body = text.Body, channel = "harness", variant = Variant }, cancellationToken);
        var posted = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"POST /api/tickets for {label} answered {(int)response.StatusCode} {response.ReasonPhrase}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("id").GetString()
            ?? throw new InvalidOperationException($"POST /api/tickets for {label} returned no id");
        var received = await tracker.WaitAsync(id, timeout, cancellationToken);
        if (approve && received is not null)
        {
            // The reviewer works the queue: it stays short, so every new ticket lands on the page the browser shows.
            using var decided = await http.PostAsJsonAsync($"/api/reviews/{id}/decision", new { action = "approve", requestId = $"harness-{id}" }, cancellationToken);
            if (!decided.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"approving {label} answered {(int)decided.StatusCode}: {await decided.Content.ReadAsStringAsync(cancellationToken)}");
            }
        }

        return (posted, received is { } at ? Stopwatch.GetElapsedTime(start, at).TotalMilliseconds : null);
    }

    /// <summary>Other work on the machine skews the figures; Linux tells how much there was (1, 5, 15 minutes).</summary>
    private static async Task<string> LoadAverageAsync(CancellationToken cancellationToken) =>
        File.Exists("/proc/loadavg")
            ? ", load average " + string.Join(' ', (await File.ReadAllTextAsync("/proc/loadavg", cancellationToken)).Split(' ').Take(3))
            : "";

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
