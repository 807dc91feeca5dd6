using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Harness;

/// <summary>
/// The product's throughput over HTTP: the real web app (a child process, Production, local AI, sign-in on),
/// warmed up (the local model trained, the JIT warm), then <c>clients</c> keep-alive clients submit
/// <c>tickets</c> tickets through <c>POST /api/tickets</c>. The clock runs from the first submission until
/// every ticket is settled: scrubbed, classified, decided, and routed or waiting in the review queue. The
/// tickets are the demo tickets (PII, several languages and categories), each made unique.
/// </summary>
internal static class ProductBenchmark
{
    // The first ticket may wait for the semantic model to train (about a minute on an idle machine, a fresh model folder).
    private static readonly TimeSpan WarmUpTimeout = TimeSpan.FromSeconds(600);
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The measured run. <c>WebCpuMsPerTicket</c> is the web app's CPU time (every thread, user and kernel) from the
    /// first submission until every ticket settled, divided by the tickets: what a ticket costs the server, which a
    /// busy machine disturbs far less than tickets/s. 1,000 tickets/s on 2 cores needs less than 2 ms.
    /// </summary>
    public sealed record Result(int Tickets, double TicketsPerSecond, double SubmissionsPerSecond, double PostP50Ms, double PostP99Ms, int Routed, int Reviewed,
        double WebCpuMsPerTicket)
    {
        /// <summary>The web app's CPU per ticket during the warm-up's last round (the JIT still at work in it).</summary>
        public double WarmUpCpuMsPerTicket { get; init; }

        /// <summary>The largest peak resident memory of the web apps at the end of the run (MiB), warm-up and models included.</summary>
        public double PeakWorkingSetMiB { get; init; }

        /// <summary>The bulk path's figures, when it ran.</summary>
        public BulkResult? Bulk { get; init; }

        /// <summary>With tracing on, the web app's last line counting the spans it recorded.</summary>
        public string? Tracing { get; init; }

        /// <summary>How far the measured tickets went down the shipped cascade (SQLite runs only).</summary>
        public CascadeShare? Cascade { get; init; }
    }

    /// <summary>Of the measured tickets, how many the semantic model answered, and how many an LLM answered.</summary>
    public sealed record CascadeShare(int Tickets, int Semantic, int Llm)
    {
        /// <summary>The share of tickets that reached the semantic model.</summary>
        public double SemanticShare => Tickets == 0 ? 0 : (double)Semantic / Tickets;
    }

    /// <summary>The bulk path: accepted per second (the batch requests), and settled per second end to end.</summary>
    public sealed record BulkResult(int Tickets, int BatchSize, double AcceptedPerSecond, double SettledPerSecond);

    /// <summary>
    /// Starts the web app, measures it, and stops it; with <paramref name="tracing"/> the web app runs its tracing pipeline
    /// with an exporter that discards every span (<c>Telemetry:DiscardSpans</c>).
    /// </summary>
    /// <remarks>
    /// <paramref name="semantic"/> turns on the semantic provider of the shipped cascade (appsettings.json configures it;
    /// off, the cascade's semantic step skips), so the run measures the shipped workflow as installed.
    /// </remarks>
    public static async Task<Result> RunAsync(string webAssembly, int tickets, int clients, int bulkTickets, int batchSize, bool tracing, bool semantic,
        CancellationToken cancellationToken, int warmUp = DefaultWarmUp)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        if (tracing) settings["Telemetry:DiscardSpans"] = "true";
        if (semantic) settings["Ai:Providers:semantic:Type"] = "LocalSemantic";
        await using var web = WebAppProcess.Start(webAssembly, settings: settings);
        var result = await RunOnAsync(web, tickets, clients, bulkTickets, batchSize, warmUp, cancellationToken);
        if (!tracing) return result;

        // The app logs its span count at most every 2 s, when spans arrive: a few requests after the run bring it up to date.
        using var http = new HttpClient { BaseAddress = web.BaseAddress };
        for (var i = 0; i < 8; i++)
        {
            using var health = await http.GetAsync(new Uri("/healthz", UriKind.Relative), cancellationToken);
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }

        return result with { Tracing = web.LastOutputContaining("spans recorded") ?? "no span recorded" };
    }

    private static async Task<Result> RunOnAsync(WebAppProcess web, int tickets, int clients, int bulkTickets, int batchSize, int warmUp, CancellationToken cancellationToken)
    {
        using var http = ClientFor(web, clients);
        await web.WaitUntilHealthyAsync(http, TimeSpan.FromSeconds(60), cancellationToken);
        var texts = DemoTickets.Load();
        var result = await MeasureAsync([web], [http], texts, tickets, clients, warmUp, cancellationToken, () => ModelAnswers(web));
        if (bulkTickets <= 0) return result;

        // The bulk path: POST /api/tickets/batch, NDJSON, a few requests in flight.
        var before = await SettledAsync(http, cancellationToken);
        var bulkClock = Stopwatch.StartNew();
        var nextBatch = -1;
        var batches = (bulkTickets + batchSize - 1) / batchSize;
        await Task.WhenAll(Enumerable.Range(0, Math.Min(4, batches)).Select(async _ =>
        {
            int b;
            while ((b = Interlocked.Increment(ref nextBatch)) < batches)
            {
                var lines = Enumerable.Range(b * batchSize, Math.Min(batchSize, bulkTickets - (b * batchSize))).Select(i =>
                {
                    var text = texts[i % texts.Count];
                    return JsonSerializer.Serialize(new { subject = $"{text.Subject} #bulk-{i}", body = text.Body, customer = text.Customer, channel = text.Channel, externalId = $"bulk-{i}" },
                        JsonSerializerOptions.Web);
                });
                using var content = new StringContent(string.Join('\n', lines), System.Text.Encoding.UTF8, "application/x-ndjson");
                using var response = await http.PostAsync("/api/tickets/batch", content, cancellationToken);
                if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"POST /api/tickets/batch answered {(int)response.StatusCode}");
            }
        }));
        var accepted = bulkClock.Elapsed.TotalSeconds;
        await WaitSettledAsync(http, before.Total + bulkTickets, SettleTimeout, [web], cancellationToken);
        return result with { Bulk = new BulkResult(bulkTickets, batchSize, bulkTickets / accepted, bulkTickets / bulkClock.Elapsed.TotalSeconds) };
    }

    /// <summary>
    /// The same measured run against <paramref name="nodes"/> web nodes on one PostgreSQL database (and Redis when
    /// given), as a cluster runs them: one bootstrap key, one model folder, a worker each. The clients are spread over
    /// the nodes (client <c>c</c> sends to node <c>c mod nodes</c>), as a round-robin load balancer would; the CPU time
    /// per ticket is that of every node together.
    /// </summary>
    public static async Task<Result> RunOnNodesAsync(string webAssembly, int nodes, string connectionString, string? redis, int tickets, int clients,
        CancellationToken cancellationToken)
    {
        var apiKey = WebAppProcess.NewApiKey();
        var models = Directory.CreateTempSubdirectory("reviewdesk-bench-models-").FullName;
        var webs = new List<WebAppProcess>();
        var https = new List<HttpClient>();
        try
        {
            for (var i = 0; i < nodes; i++)
            {
                var settings = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["Database:Provider"] = "Postgres",
                    ["ConnectionStrings:ReviewDesk"] = connectionString,
                    ["Ai:Local:ModelDirectory"] = models,
                    ["Workflows:Worker:Id"] = $"bench-node-{i}",
                    ["Cluster:NodeName"] = $"bench-node-{i}",
                };
                if (!string.IsNullOrWhiteSpace(redis)) settings["Cluster:Redis"] = redis;
                var web = WebAppProcess.Start(webAssembly, settings: settings, apiKey: apiKey);
                webs.Add(web);
                https.Add(ClientFor(web, clients));
                // The first node applies the migrations; the others start on a migrated database.
                if (i == 0) await web.WaitUntilHealthyAsync(https[0], TimeSpan.FromSeconds(60), cancellationToken);
            }

            for (var i = 1; i < nodes; i++) await webs[i].WaitUntilHealthyAsync(https[i], TimeSpan.FromSeconds(60), cancellationToken);
            return await MeasureAsync(webs, https, DemoTickets.Load(), tickets, clients, DefaultWarmUp, cancellationToken);
        }
        finally
        {
            foreach (var http in https) http.Dispose();
            foreach (var web in webs) await web.DisposeAsync();
            Directory.Delete(models, recursive: true);
        }
    }

    private static HttpClient ClientFor(WebAppProcess web, int clients)
    {
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        var http = new HttpClient(handler, disposeHandler: true) { BaseAddress = web.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Add("X-Api-Key", web.ApiKey);
        return http;
    }

    /// <summary>
    /// Tickets of the warm-up after the first, unless <c>--warm-up</c> says otherwise. A warmed-up server is one whose
    /// JIT has settled: after 300 tickets tiered compilation still took 25% of the web app's CPU in the measured run,
    /// after 4,000 under 1% (perf profiles, README).
    /// </summary>
    public const int DefaultWarmUp = 4000;

    /// <summary>
    /// Warms up (the local model trained, then <paramref name="warmUp"/> tickets for the JIT), then the measured run; counts
    /// are read through the first node. The tiered JIT goes on recompiling hot methods for a while after a few hundred
    /// tickets, more so on a busy machine (a profile of the web app found its tiered-compilation thread at a quarter of
    /// the measured CPU after the default warm-up under load average 30): a larger <c>--warm-up</c> measures the steady state.
    /// </summary>
    private static async Task<Result> MeasureAsync(IReadOnlyList<WebAppProcess> webs, IReadOnlyList<HttpClient> https, IReadOnlyList<TicketSubmission> texts,
        int tickets, int clients, int warmUp, CancellationToken cancellationToken, Func<(int Semantic, int Llm)>? answers = null)
    {
        var counter = https[0];
        // Warm-up: the first ticket waits for the local model to train; then more warm the JIT (on every node), in rounds of at
        // most 1,000, the last of which is reported.
        await SubmitAllAsync([counter], texts, "warm", 1, 1, cancellationToken);
        await WaitSettledAsync(counter, 1, WarmUpTimeout, webs, cancellationToken);
        var warmed = 1;
        var warmUpCpu = 0.0;
        for (var round = 0; warmed - 1 < warmUp; round++)
        {
            var count = Math.Min(1000, warmUp - (warmed - 1));
            var roundCpu = CpuTime(webs);
            await SubmitAllAsync(https, texts, round == 0 ? "warm2" : $"warm{round + 2}", count, clients, cancellationToken);
            warmed += count;
            await WaitSettledAsync(counter, warmed, WarmUpTimeout, webs, cancellationToken);
            warmUpCpu = (CpuTime(webs) - roundCpu).TotalMilliseconds / count;
        }

        var before = await SettledAsync(counter, cancellationToken);
        var answersBefore = answers?.Invoke();
        var cpuBefore = CpuTime(webs);
        var clock = Stopwatch.StartNew();
        var latencies = await SubmitAllAsync(https, texts, "bench", tickets, clients, cancellationToken);
        var submitted = clock.Elapsed.TotalSeconds;
        var after = await WaitSettledAsync(counter, before.Total + tickets, SettleTimeout, webs, cancellationToken);
        var elapsed = clock.Elapsed.TotalSeconds;
        var cpuMsPerTicket = (CpuTime(webs) - cpuBefore).TotalMilliseconds / tickets;
        latencies.Sort();
        var cascade = answers is not null && answersBefore is { } b && answers() is var a
            ? new CascadeShare(tickets, a.Semantic - b.Semantic, a.Llm - b.Llm)
            : null;
        return new Result(tickets, tickets / elapsed, tickets / submitted, latencies[latencies.Count / 2], latencies[(int)(latencies.Count * 0.99)],
            after.Routed - before.Routed, after.Reviewed - before.Reviewed, cpuMsPerTicket)
        {
            Cascade = cascade,
            WarmUpCpuMsPerTicket = warmUpCpu,
            PeakWorkingSetMiB = webs.Max(web => web.PeakWorkingSetMiB),
        };
    }

    // The journal's ModelAnswered entries ("<provider> (<model>) answered ...") of the semantic and the LLM providers, read from the web app's
    // SQLite file outside the measured interval.
    private static (int Semantic, int Llm) ModelAnswers(WebAppProcess web)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection(web.ConnectionString + ";Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT COALESCE(SUM(CASE WHEN Detail LIKE 'semantic %' THEN 1 ELSE 0 END), 0),
                   COALESCE(SUM(CASE WHEN Detail LIKE 'llm %' THEN 1 ELSE 0 END), 0)
            FROM Journal WHERE Type = 'ModelAnswered'
            """;
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt32(0), reader.GetInt32(1));
    }

    private static TimeSpan CpuTime(IReadOnlyList<WebAppProcess> webs) => webs.Aggregate(TimeSpan.Zero, (sum, web) => sum + web.CpuTime);

    /// <summary>
    /// <paramref name="count"/> submissions from <paramref name="clients"/> concurrent loops, loop <c>c</c> through node
    /// <c>c mod nodes</c>; the POST latencies in milliseconds.
    /// </summary>
    private static async Task<List<double>> SubmitAllAsync(IReadOnlyList<HttpClient> nodes, IReadOnlyList<TicketSubmission> texts, string prefix, int count, int clients,
        CancellationToken cancellationToken)
    {
        var next = -1;
        var latencies = new List<double>(count);
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async client =>
        {
            var http = nodes[client % nodes.Count];
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var text = texts[i % texts.Count];
                var started = Stopwatch.GetTimestamp();
                using var response = await http.PostAsJsonAsync("/api/tickets", new
                {
                    subject = $"{text.Subject} #{prefix}-{i}",
                    body = text.Body,
                    customer = text.Customer,
                    channel = text.Channel,
                    externalId = $"{prefix}-{i}",
                }, cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"POST /api/tickets answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
                }

                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                lock (latencies) latencies.Add(ms);
            }
        }));
        return latencies;
    }

    private static async Task<Settled> WaitSettledAsync(HttpClient http, int total, TimeSpan timeout, IReadOnlyList<WebAppProcess> webs, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            foreach (var web in webs) web.ThrowIfExited();
            var settled = await SettledAsync(http, cancellationToken);
            if (settled.Total >= total) return settled;
            if (clock.Elapsed > timeout) throw new TimeoutException($"only {settled.Total} of {total} tickets settled within {timeout.TotalSeconds:F0} s");
            await Task.Delay(SettlePollInterval, cancellationToken);
        }
    }

    // Each poll is three counting queries on the server, which the measured run pays for: every 20 ms they took about 4%
    // of the web app's CPU. Every 100 ms, the end of a run of tens of seconds is still read to within 0.1 s.
    private static readonly TimeSpan SettlePollInterval = TimeSpan.FromMilliseconds(100);

    private static async Task<Settled> SettledAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var routed = await CountAsync(http, "Routed", cancellationToken);
        var reviewed = await CountAsync(http, "AwaitingReview", cancellationToken);
        var failed = await CountAsync(http, "Failed", cancellationToken);
        if (failed > 0) throw new InvalidOperationException($"{failed} tickets failed during the benchmark");
        return new Settled(routed, reviewed);
    }

    private static async Task<int> CountAsync(HttpClient http, string status, CancellationToken cancellationToken)
    {
        var page = await http.GetFromJsonAsync<JsonElement>($"/api/tickets?status={status}&pageSize=1", cancellationToken);
        return page.GetProperty("total").GetInt32();
    }

    private sealed record Settled(int Routed, int Reviewed)
    {
        public int Total => Routed + Reviewed;
    }
}
