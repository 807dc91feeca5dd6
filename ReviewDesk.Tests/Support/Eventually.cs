using System.Diagnostics;

namespace ReviewDesk.Tests.Support;

/// <summary>
/// The one way tests wait for something another thread or process does: read until a condition holds, or fail
/// with what was last read. Polls briefly (the work under test is real and asynchronous); the timeout is a
/// generous bound for a loaded machine, never a timing assertion.
/// </summary>
public static class Eventually
{
    /// <summary>The bound of every wait unless a test gives its own.</summary>
    public static TimeSpan DefaultTimeout { get; } = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);

    /// <summary>Reads with <paramref name="read"/> until <paramref name="done"/> holds for the value; returns that value.</summary>
    public static async Task<T> GetAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(done);
        var limit = timeout ?? DefaultTimeout;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            if (clock.Elapsed > limit) Assert.Fail($"waited {limit.TotalSeconds:0} s for {what}; last read: {Describe(value)}");
            await Task.Delay(Poll, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds.</summary>
    public static Task HoldsAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null) =>
        GetAsync(condition, holds => holds, what, timeout);

    /// <summary>Waits until <paramref name="condition"/> holds (a condition that needs no I/O, such as a counter).</summary>
    public static Task HoldsAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        GetAsync(() => Task.FromResult(condition()), holds => holds, what, timeout);

    private static string Describe<T>(T value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        System.Collections.ICollection c => $"{c.Count} items",
        _ => value.ToString() ?? "",
    };
}
