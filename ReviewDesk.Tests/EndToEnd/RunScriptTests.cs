using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace ReviewDesk.Tests.EndToEnd;

/// <summary>
/// Issue 15, item 10: <c>./run.sh</c> as a new user runs it (the test's own build of the web app through
/// <c>REVIEWDESK_WEB_DLL</c>, demo mode, the demo tickets seeded). Its ready line with the URL and the demo logins
/// comes once <c>/healthz</c> answers, and no per-ticket line reaches the console.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class RunScriptTests : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private const string ApiKey = "rdk_test_runscript_0123456789abcdef";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "reviewdesk-run-script-tests", Guid.NewGuid().ToString("N"));
    private readonly List<string> _lines = [];
    private Process? _script;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Bug_15_RunScript_PrintsTheReadyLineAndDemoLogins_AfterTheAppAnswers_WithoutPerTicketLines()
    {
        var port = WebAppChild.FreePort();
        var url = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("setsid") { WorkingDirectory = RepositoryRoot(), RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["bash", "run.sh"]) start.ArgumentList.Add(argument);
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        start.Environment["REVIEWDESK_URLS"] = url;
        start.Environment["REVIEWDESK_DATA"] = _folder;
        start.Environment["REVIEWDESK_WEB_DLL"] = WebAppChild.WebAssemblyPath();
        start.Environment["Ai__Local__ModelDirectory"] = ReviewDeskWebFactory.LocalModelDirectory;
        start.Environment["Auth__BootstrapApiKey"] = ApiKey;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Keep(string? line)
        {
            if (line is null) return;
            lock (_lines) _lines.Add(line);
            if (line == "Press Ctrl+C to stop.") done.TrySetResult();
        }

        _script = Process.Start(start)!;
        _script.OutputDataReceived += (_, e) => Keep(e.Data);
        _script.ErrorDataReceived += (_, e) => Keep(e.Data);
        _script.BeginOutputReadLine();
        _script.BeginErrorReadLine();
        var exited = _script.WaitForExitAsync(Ct);
        var first = await Task.WhenAny(done.Task, exited, Task.Delay(StartTimeout, Ct));
        Assert.True(first == done.Task, $"run.sh printed no ready line ({(first == exited ? $"exited {_script.ExitCode}" : "timed out")}):\n{Output()}");

        // The ready line comes once the app answers: /healthz answers the moment it is printed, with no retry. (Its place
        // among the host's own log lines is not compared: the console logger writes on a thread of its own.)
        var lines = Snapshot();
        var ready = lines.IndexOf($"ReviewDesk is ready: {url}/");
        Assert.True(ready >= 0, $"no ready line naming {url}:\n{Output()}");
        using (var probe = new HttpClient { BaseAddress = new Uri(url) })
        using (var health = await probe.GetAsync("/healthz", Ct))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
        }

        var after = lines.Skip(ready).ToList();
        Assert.Contains($"Demo mode: sign in at {url}/login as", after);
        Assert.Contains(after, l => l.Contains("reviewer@demo.example  Demo-Reviewer-1", StringComparison.Ordinal));
        Assert.Contains(after, l => l.Contains("operator@demo.example  Demo-Operator-1", StringComparison.Ordinal));
        Assert.Contains(after, l => l.Contains("admin@demo.example     Demo-Admin-1", StringComparison.Ordinal));

        // Demo tickets are being submitted, and none of them writes its "Ticket … submitted" line to the console.
        using var api = new HttpClient { BaseAddress = new Uri(url) };
        api.DefaultRequestHeaders.Add(TestApiKeys.Header, ApiKey);
        await Eventually.GetAsync(() => api.GetFromJsonAsync<JsonElement>("/api/tickets?pageSize=5", Ct),
            t => t.GetProperty("total").GetInt32() >= 5, "demo tickets submitted", StartTimeout);

        using (var kill = Process.Start("kill", ["-TERM", "--", $"-{_script.Id}"])) await kill.WaitForExitAsync(Ct);
        await _script.WaitForExitAsync(Ct);
        Assert.Equal(0, _script.ExitCode);
        Assert.DoesNotContain(Snapshot(), l => l.Contains(" submitted on ", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        if (_script is { HasExited: false })
        {
            using var kill = Process.Start("kill", ["-KILL", "--", $"-{_script.Id}"]);
            kill.WaitForExit();
        }

        _script?.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by an exiting child: the temp folder is cleaned by the OS.
        }
    }

    private List<string> Snapshot()
    {
        lock (_lines) return [.. _lines];
    }

    private string Output() => string.Join("\n", Snapshot().TakeLast(200));

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "run.sh"))) return folder.FullName;
        }

        throw new InvalidOperationException("run.sh not found above the test output");
    }
}
