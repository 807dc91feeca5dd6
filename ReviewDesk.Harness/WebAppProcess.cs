using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace ReviewDesk.Harness;

/// <summary>
/// The real web app (ReviewDesk.Web.dll under <c>dotnet</c>, Production environment) as a child
/// process on 127.0.0.1 at a free port, over its own SQLite file, keys and model cache in a
/// temporary folder. Disposing kills it and deletes the folder.
/// </summary>
internal sealed class WebAppProcess : IAsyncDisposable
{
    private const int OutputLinesKept = 40;

    private readonly Process _process;
    private readonly Queue<string> _output = new();
    private readonly Lock _outputLock = new();

    private WebAppProcess(Process process, string folder, Uri baseAddress, string apiKey)
    {
        _process = process;
        Folder = folder;
        BaseAddress = baseAddress;
        ApiKey = apiKey;
    }

    /// <summary>The temporary folder: database, keys, model cache, working directory.</summary>
    public string Folder { get; }

    public Uri BaseAddress { get; }

    /// <summary>The CPU time the web app has used so far (user and kernel, all threads).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>The most memory the web app has held resident so far (Linux: <c>VmHWM</c>), in MiB.</summary>
    public double PeakWorkingSetMiB
    {
        get
        {
            _process.Refresh();
            return _process.PeakWorkingSet64 / 1048576.0;
        }
    }

    public string ConnectionString => $"Data Source={Path.Combine(Folder, "reviewdesk.db")}";

    /// <summary>
    /// A key made for this run and given to the app as <c>Auth:BootstrapApiKey</c> (every role), to send
    /// as <c>X-Api-Key</c>. An app without sign-in ignores both.
    /// </summary>
    public string ApiKey { get; }

    /// <summary>ReviewDesk.Web.dll of the same configuration, beside this harness's build (the harness project references it so it is built).</summary>
    public static string DefaultAssemblyPath()
    {
        // <repo>/ReviewDesk.Harness/bin/<configuration>/<tfm>/ -> <repo>/ReviewDesk.Web/bin/<configuration>/<tfm>/ReviewDesk.Web.dll
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = output.Parent!;
        var repository = configuration.Parent!.Parent!.Parent!;
        return Path.Combine(repository.FullName, "ReviewDesk.Web", "bin", configuration.Name, output.Name, "ReviewDesk.Web.dll");
    }

    /// <param name="webAssembly">ReviewDesk.Web.dll.</param>
    /// <param name="demoUsers">Also create the demo accounts (a browser signs in as the demo reviewer).</param>
    /// <param name="settings">Settings that replace the defaults (a PostgreSQL database, Redis, a shared model folder: one node of several).</param>
    /// <param name="apiKey">The bootstrap key, when several nodes share one; a new one otherwise.</param>
    public static WebAppProcess Start(string webAssembly, bool demoUsers = false, IReadOnlyDictionary<string, string>? settings = null, string? apiKey = null)
    {
        if (!File.Exists(webAssembly)) throw new InvalidOperationException($"ReviewDesk.Web is not built at {webAssembly} (build the solution, or pass --web PATH)");
        var folder = Path.Combine(Path.GetTempPath(), "reviewdesk-hub-latency-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        try
        {
            var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}");
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = folder,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(webAssembly);
            var all = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["urls"] = baseAddress.ToString().TrimEnd('/'),
                ["ConnectionStrings:ReviewDesk"] = $"Data Source={Path.Combine(folder, "reviewdesk.db")}",
                ["Database:DataDirectory"] = folder,
                ["DataProtection:KeysDirectory"] = Path.Combine(folder, "keys"),
                // A fresh model cache: the model trains in the background at start, like a first install (before the warm-up ends).
                ["Ai:Local:ModelDirectory"] = Path.Combine(folder, "models"),
                ["Demo:SeedTickets"] = "false",
                // The measurements' own approvals (hub-latency approves every ticket) must not start retrains in the middle of them.
                ["Ai:Learning:Background"] = "false",
                // The semantic model (appsettings.json) trains for a minute and holds ~400 MiB: off (the cascade's step skips) unless the
                // caller turns it on (the product benchmark does, with Ai:Providers:semantic:Type=LocalSemantic).
                ["Ai:Providers:semantic:Type"] = "",
            };
            if (demoUsers) all["Demo:SeedUsers"] = "true";
            foreach (var (key, value) in settings ?? new Dictionary<string, string>()) all[key] = value;
            foreach (var (key, value) in all) AddSetting(start, key, value);
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            start.Environment["DOTNET_ENVIRONMENT"] = "Production";
            // The app reads its bootstrap key from the environment only (never the command line, which others can see).
            apiKey ??= NewApiKey();
            start.Environment["Auth__BootstrapApiKey"] = apiKey;

            var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
            var web = new WebAppProcess(process, folder, baseAddress, apiKey);
            process.OutputDataReceived += (_, e) => web.Keep(e.Data);
            process.ErrorDataReceived += (_, e) => web.Keep(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return web;
        }
        catch
        {
            Directory.Delete(folder, recursive: true);
            throw;
        }
    }

    /// <summary>A key for <c>Auth:BootstrapApiKey</c>, made for one run.</summary>
    public static string NewApiKey() => Convert.ToHexString(RandomNumberGenerator.GetBytes(24));

    /// <summary>Polls <c>/healthz</c> until it answers 200.</summary>
    public async Task WaitUntilHealthyAsync(HttpClient client, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            ThrowIfExited();
            try
            {
                using var response = await client.GetAsync(new Uri(BaseAddress, "/healthz"), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (clock.Elapsed > timeout) throw new TimeoutException($"the web app did not answer /healthz with 200 within {timeout.TotalSeconds:F0} s");
            await Task.Delay(100, cancellationToken);
        }
    }

    /// <exception cref="InvalidOperationException">The web app has exited (with its exit code and last line of output).</exception>
    public void ThrowIfExited()
    {
        if (!_process.HasExited) return;
        string last;
        lock (_outputLock) last = _output.LastOrDefault(l => l.Trim().Length > 0)?.Trim() ?? "no output";
        throw new InvalidOperationException($"the web app exited with code {_process.ExitCode}; its last output: {last}");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException)
        {
            // Already gone, or it did not die within the wait; the folder may then stay behind.
        }
        finally
        {
            _process.Dispose();
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException ex)
        {
            await Console.Error.WriteLineAsync($"hub-latency: could not delete {Folder}: {ex.Message}");
        }
    }

    private static void AddSetting(ProcessStartInfo start, string key, string value)
    {
        start.ArgumentList.Add("--" + key);
        start.ArgumentList.Add(value);
    }

    private static int FreePort()
    {
        // The port is free now; another process could take it before the web app binds it (then the app exits and we say so).
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>The newest of the last output lines that contains <paramref name="text"/>, null when none does.</summary>
    public string? LastOutputContaining(string text)
    {
        lock (_outputLock) return _output.LastOrDefault(l => l.Contains(text, StringComparison.Ordinal))?.Trim();
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_outputLock)
        {
            _output.Enqueue(line);
            if (_output.Count > OutputLinesKept) _output.Dequeue();
        }
    }
}
