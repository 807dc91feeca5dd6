using System.Diagnostics;

namespace ReviewDesk.Tests.Support;

/// <summary>
/// A throwaway <c>redis-server</c> (Debian's redis-server package) on 127.0.0.1 and a free port, with no
/// persistence, for one test; it can be stopped and started again on the same port to test an outage.
/// </summary>
public sealed class TestRedis : IDisposable
{
    private Process? _process;

    private TestRedis(int port) => Port = port;

    public int Port { get; }

    /// <summary>The StackExchange.Redis configuration string.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    public static async Task<TestRedis> StartAsync()
    {
        Assert.True(File.Exists("/usr/bin/redis-server"), "redis-server is not installed (test.sh installs Debian's redis-server package)");
        var redis = new TestRedis(TestPostgres.FreePort());
        await redis.StartServerAsync();
        return redis;
    }

    /// <summary>Starts the server (again) and waits until it answers.</summary>
    public async Task StartServerAsync()
    {
        var start = new ProcessStartInfo("/usr/bin/redis-server") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "--port", $"{Port}", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" }) start.ArgumentList.Add(arg);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("Ready to accept connections", StringComparison.Ordinal) == true) ready.TrySetResult();
        };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await ready.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
    }

    /// <summary>SIGKILL: the server is gone at once, as in a crash.</summary>
    public async Task KillAsync()
    {
        if (_process is null) return;
        _process.Kill();
        await _process.WaitForExitAsync(TestContext.Current.CancellationToken);
        _process.Dispose();
        _process = null;
    }

    public void Dispose()
    {
        if (_process is { HasExited: false }) _process.Kill();
        _process?.Dispose();
    }
}
