using System.Diagnostics;
using System.Globalization;

namespace ReviewDesk.Harness;

/// <summary>Microseconds per item of an in-process measurement on one thread: elapsed, and the thread's CPU time.</summary>
internal readonly record struct ThreadTiming(double WallUs, double CpuUs)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{WallUs,8:N1} µs/ticket wall, {CpuUs,8:N1} CPU");

    /// <summary>Runs <paramref name="run"/> over <paramref name="items"/> items and times it; returns what it returned.</summary>
    public static (ThreadTiming Timing, int Found) Measure(Func<int, int> run, int items)
    {
        var cpu = CurrentThreadCpu();
        var clock = Stopwatch.StartNew();
        var found = run(items);
        var wall = clock.Elapsed;
        return (new ThreadTiming(wall.TotalMicroseconds / items, (CurrentThreadCpu() - cpu).TotalMicroseconds / items), found);
    }

    /// <summary>
    /// The CPU time of the calling thread: on Linux the first field of /proc/thread-self/schedstat (nanoseconds on a CPU),
    /// elsewhere the process's (every thread, the garbage collector's included). The machine may be shared: a thread's CPU
    /// time is less disturbed by other processes than wall time.
    /// </summary>
    private static TimeSpan CurrentThreadCpu()
    {
        const string schedstat = "/proc/thread-self/schedstat";
        if (File.Exists(schedstat))
        {
            var nanoseconds = long.Parse(File.ReadAllText(schedstat).Split(' ')[0], CultureInfo.InvariantCulture);
            return TimeSpan.FromTicks(nanoseconds / 100);
        }

        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
