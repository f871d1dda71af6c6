namespace AudioPortal.Cli;

/// <summary>
/// Parses <c>sub positional --name value --flag</c>. Verbs read what they know and then call
/// <see cref="EnsureAllUsed"/>, so a misspelt option is an error rather than silently ignored.
/// </summary>
public sealed class CliArgs
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public CliArgs(IEnumerable<string> args)
    {
        var list = args.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            var arg = list[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg == "--")
            {
                Positionals.Add(arg);
                continue;
            }

            var name = arg[2..];
            var equals = name.IndexOf('=');
            if (equals >= 0)
            {
                _options[name[..equals]] = name[(equals + 1)..];
            }
            else if (i + 1 < list.Count && !list[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                _options[name] = list[++i];
            }
            else
            {
                _options[name] = null;
            }
        }
    }

    public List<string> Positionals { get; } = [];

    public bool WantsHelp => _options.ContainsKey("help") || Positionals.Contains("-h");

    public bool Flag(string name)
    {
        _used.Add(name);
        return _options.TryGetValue(name, out var value) && (value is null || value is "true" or "1");
    }

    public string? Optional(string name)
    {
        _used.Add(name);
        return _options.TryGetValue(name, out var value)
            ? value ?? throw new CliUsageException($"--{name} needs a value.")
            : null;
    }

    public string Required(string name) =>
        Optional(name) ?? throw new CliUsageException($"--{name} is required.");

    /// <summary>The positional at <paramref name="index"/>, or a usage error naming what was expected.</summary>
    public string Positional(int index, string what) =>
        index < Positionals.Count ? Positionals[index] : throw new CliUsageException($"Missing {what}.");

    public void EnsureAllUsed()
    {
        var unknown = _options.Keys.Where(k => !_used.Contains(k) && k != "help").ToList();
        if (unknown.Count > 0)
        {
            throw new CliUsageException($"Unknown option{(unknown.Count > 1 ? "s" : "")}: {string.Join(", ", unknown.Select(k => "--" + k))}.");
        }
    }
}
