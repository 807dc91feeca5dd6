namespace ReviewDesk.Web.Cli;

/// <summary>A verb's <c>--name value</c> options; unknown or incomplete options are a one-line error.</summary>
internal sealed class CliOptions
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    private CliOptions() { }

    public bool Help { get; private init; }

    public static CliOptions Parse(string[] args, IReadOnlyCollection<string> known, out string? error)
    {
        error = null;
        var options = new CliOptions { Help = args.Any(a => a is "--help" or "-h") };
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "--help" or "-h") continue;
            var name = args[i].StartsWith("--", StringComparison.Ordinal) ? args[i][2..] : null;
            if (name is null || !known.Contains(name))
            {
                error = $"unknown argument '{args[i]}'";
                return options;
            }

            if (i + 1 >= args.Length)
            {
                error = $"--{name} needs a value";
                return options;
            }

            options._values[name] = args[++i];
        }

        return options;
    }

    public string? this[string name] => _values.GetValueOrDefault(name);
}
