using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace ReviewDesk.Harness;

/// <summary>The arguments of the <c>hub-latency</c> verb.</summary>
internal sealed record HubLatencyOptions
{
    /// <summary>Tickets measured.</summary>
    public int Tickets { get; init; } = 500;

    /// <summary>Tickets in flight at once (1: submit one, wait for its Added change, then the next).</summary>
    public int Concurrency { get; init; } = 1;

    /// <summary>Tickets submitted (and awaited) before measuring: the first waits for the local model to train.</summary>
    public int WarmUp { get; init; } = 10;

    /// <summary>How long one ticket's Added change may take before it counts as never arrived.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Watch a reviewer's queue page in chromium instead of the hub's .NET client.</summary>
    public bool Browser { get; init; }

    /// <summary>The chromium that <see cref="Browser"/> drives.</summary>
    public string Chromium { get; init; } = BrowserQueueWatcher.DefaultChromium;

    /// <summary>ReviewDesk.Web.dll to run; null: the one built beside this harness.</summary>
    public string? WebAssembly { get; init; }

    /// <exception cref="ArgumentException">An argument is missing its value, not a number, or out of range.</exception>
    public static HubLatencyOptions Parse(string[] args)
    {
        var config = new ConfigurationBuilder().AddCommandLine(args).Build();
        var options = new HubLatencyOptions
        {
            Tickets = Int(config, "tickets", 500),
            Concurrency = Int(config, "concurrency", 1),
            WarmUp = Int(config, "warmup", 10),
            Timeout = TimeSpan.FromSeconds(Int(config, "timeout-seconds", 30)),
            WebAssembly = config["web"],
            Browser = config["browser"] is not { } browser ? false
                : bool.TryParse(browser, out var on) ? on
                : throw new ArgumentException($"--browser must be true or false, not '{browser}'"),
            Chromium = config["chromium"] ?? BrowserQueueWatcher.DefaultChromium,
        };
        if (options.Tickets < 1) throw new ArgumentException("--tickets must be at least 1");
        if (options.Concurrency < 1) throw new ArgumentException("--concurrency must be at least 1");
        if (options.WarmUp < 0) throw new ArgumentException("--warmup must not be negative");
        if (options.Timeout <= TimeSpan.Zero) throw new ArgumentException("--timeout-seconds must be at least 1");
        return options;
    }

    private static int Int(IConfiguration config, string key, int fallback) =>
        config[key] is not { } text ? fallback
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value
        : throw new ArgumentException($"--{key} must be a whole number, not '{text}'");
}
