using System.Diagnostics;
using System.Text;

namespace ReviewDesk.Tests.Support;

/// <summary>Runs ReviewDesk.Harness as a child process, so tests can kill it with SIGKILL.</summary>
public sealed class HarnessProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HarnessProcess(Process process) => _process = process;

    public Task Ready => _ready.Task;
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;
    public string Errors { get { lock (_stderr) return _stderr.ToString(); } }

    public static HarnessProcess Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(HarnessPath());
        foreach (var arg in args) start.ArgumentList.Add(arg);
        var harness = new HarnessProcess(Process.Start(start)!);
        harness._process.OutputDataReceived += (_, e) => { if (e.Data == "READY") harness._ready.TrySetResult(); };
        harness._process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (harness._stderr) harness._stderr.AppendLine(e.Data); };
        harness._process.BeginOutputReadLine();
        harness._process.BeginErrorReadLine();
        return harness;
    }

    /// <summary>SIGKILL on Linux: no graceful shutdown, leases stay taken until they expire.</summary>
    public async Task KillAsync(CancellationToken ct)
    {
        _process.Kill();
        await _process.WaitForExitAsync(ct);
    }

    public Task WaitForExitAsync(CancellationToken ct) => _process.WaitForExitAsync(ct);

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill();
        _process.Dispose();
    }

    public static string HarnessPath()
    {
        // The test project builds the harness (a project reference without its assembly); find it beside this build.
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = testOutput.Parent!.Name;
        var repository = testOutput.Parent.Parent!.Parent!.Parent!.FullName;
        var path = Path.Combine(repository, "ReviewDesk.Harness", "bin", configuration, testOutput.Name, "ReviewDesk.Harness.dll");
        Assert.True(File.Exists(path), $"the harness is not built at {path}");
        return path;
    }
}
