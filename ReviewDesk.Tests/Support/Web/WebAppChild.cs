using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ReviewDesk.Tests.Support.Web;

/// <summary>
/// The real web app (ReviewDesk.Web.dll, Production) as a child process on 127.0.0.1 over a data folder the test
/// owns, so a test can kill it with SIGKILL and start it again on the same database, keys and port.
/// </summary>
public sealed class WebAppChild : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly List<string> _lines = [];

    private WebAppChild(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>The last 20,000 characters the app wrote (for failure messages).</summary>
    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>
    /// How many of the lines the app wrote since it started contain <paramref name="text"/>: all of them, not only those
    /// still in <see cref="Output"/> (an outage's stack traces alone can fill that).
    /// </summary>
    public int CountLines(string text)
    {
        lock (_output) return _lines.Count(l => l.Contains(text, StringComparison.Ordinal));
    }

    /// <summary>
    /// Starts the app over <paramref name="folder"/> on <paramref name="port"/> with <paramref name="apiKey"/> as its bootstrap key (every role);
    /// <paramref name="verb"/> (<c>serve</c>) goes before the host's options when given.
    /// </summary>
    public static WebAppChild Start(string folder, int port, string apiKey, IReadOnlyDictionary<string, string>? settings = null, string? verb = null)
    {
        var address = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(WebAssemblyPath());
        if (verb is not null) start.ArgumentList.Add(verb);
        var all = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["urls"] = address.ToString().TrimEnd('/'),
            ["ConnectionStrings:ReviewDesk"] = $"Data Source={Path.Combine(folder, "reviewdesk.db")}",
            ["Database:DataDirectory"] = folder,
            ["DataProtection:KeysDirectory"] = Path.Combine(folder, "keys"),
            ["Ai:Local:ModelDirectory"] = ReviewDeskWebFactory.LocalModelDirectory,
            // The semantic model (appsettings.json) trains for a minute and holds ~400 MiB: off (its cascade step skips) unless a test sets it.
            ["Ai:Providers:semantic:Type"] = "",
            ["Demo:SeedTickets"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) all[key] = value;
        foreach (var (key, value) in all)
        {
            start.ArgumentList.Add("--" + key);
            start.ArgumentList.Add(value);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["Auth__BootstrapApiKey"] = apiKey;
        var child = new WebAppChild(Process.Start(start)!, address);
        child._process.OutputDataReceived += (_, e) => child.Keep(e.Data);
        child._process.ErrorDataReceived += (_, e) => child.Keep(e.Data);
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits until <c>/healthz</c> answers 200 (the migrations ran and the host started).</summary>
    public Task WaitUntilHealthyAsync(HttpClient client) =>
        Eventually.HoldsAsync(async () =>
        {
            Assert.False(_process.HasExited, $"the web app exited with {(_process.HasExited ? _process.ExitCode : 0)}: {Output}");
            try
            {
                using var response = await client.GetAsync(new Uri(Address, "/healthz"), TestContext.Current.CancellationToken);
                return response.StatusCode == HttpStatusCode.OK;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, "the web app to answer /healthz", TimeSpan.FromSeconds(90));

    /// <summary>SIGKILL: no graceful shutdown, nothing flushed, leases left to expire.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>
    /// SIGTERM, as a service manager or run.sh's Ctrl+C trap sends it; waits up to <paramref name="within"/> for the app
    /// to exit and returns its exit code, or null when it is still running then.
    /// </summary>
    public async Task<int?> TerminateAsync(TimeSpan within)
    {
        var ct = TestContext.Current.CancellationToken;
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(ct);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(within);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return null;
        }

        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill();
        _process.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>The web app this test run built: ReviewDesk.Web.dll of the same configuration.</summary>
    public static string WebAssemblyPath()
    {
        // The test project references the web project; run its own build output, which has its runtime configuration.
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = testOutput.Parent!.Name;
        var repository = testOutput.Parent.Parent!.Parent!.Parent!.FullName;
        var path = Path.Combine(repository, "ReviewDesk.Web", "bin", configuration, testOutput.Name, "ReviewDesk.Web.dll");
        Assert.True(File.Exists(path), $"the web app is not built at {path}");
        return path;
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            _lines.Add(line);
            _output.AppendLine(line);
            if (_output.Length > 20_000) _output.Remove(0, _output.Length - 20_000);
        }
    }
}
