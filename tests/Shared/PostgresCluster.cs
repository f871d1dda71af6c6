using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

// Linked into each test project that runs tests on PostgreSQL (a Compile item in its .csproj).
namespace AudioPortal.TestSupport;

/// <summary>
/// A throwaway PostgreSQL cluster for the test run: initdb'd into a temp folder, started on a free loopback port on
/// first use, stopped and deleted when the test process exits. Each fixture takes its own database on it
/// (<see cref="CreateDatabase"/>). initdb refuses root, so as root the server runs as the <c>postgres</c> user
/// (Debian's package makes it) or <c>nobody</c>. Outside CI a machine without PostgreSQL skips these tests; with
/// <c>CI=true</c> (or <c>AUDIOPORTAL_REQUIRE_POSTGRES=1</c>) they run and fail, so CI cannot pass silently.
/// </summary>
public sealed class PostgresCluster
{
    public const string InstallHint =
        "PostgreSQL is not installed: apt-get install -y postgresql (with CI=true these tests fail instead of skipping)";

    private static readonly Lazy<string?> Binaries = new(FindBinaries);
    private static readonly Lazy<PostgresCluster> SharedCluster = new(Start);

    private readonly string _folder;
    private readonly string _bin;
    private readonly string? _runAs;

    private PostgresCluster(string folder, string bin, string? runAs, int port)
    {
        _folder = folder;
        _bin = bin;
        _runAs = runAs;
        Port = port;
    }

    public static bool Required =>
        Environment.GetEnvironmentVariable("CI") == "true" || Environment.GetEnvironmentVariable("AUDIOPORTAL_REQUIRE_POSTGRES") == "1";

    /// <summary>The skip reason for a PostgreSQL test, or null when it must run.</summary>
    public static string? SkipReason => Required || Binaries.Value is not null ? null : InstallHint;

    public static PostgresCluster Shared => SharedCluster.Value;

    public int Port { get; }

    private string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false";

    /// <summary>A new, empty database of its own; <see cref="DropDatabase"/> removes it.</summary>
    public string CreateDatabase()
    {
        var name = "t_" + Guid.NewGuid().ToString("N");
        Execute($"CREATE DATABASE \"{name}\"");
        return $"Host=127.0.0.1;Port={Port};Username=postgres;Database={name};Include Error Detail=true";
    }

    public void DropDatabase(string connectionString)
    {
        using (var connection = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        Execute($"DROP DATABASE IF EXISTS \"{new NpgsqlConnectionStringBuilder(connectionString).Database}\" WITH (FORCE)");
    }

    private void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(AdminConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static PostgresCluster Start()
    {
        var bin = Binaries.Value ?? throw new InvalidOperationException(InstallHint);
        var folder = Path.Combine(Path.GetTempPath(), "audioportal-postgres-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);

        // The server's user must be able to write the folder; nothing else lives in it.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(folder, (UnixFileMode)0x1FF);
        }

        var runAs = Environment.IsPrivilegedProcess ? (UserExists("postgres") ? "postgres" : "nobody") : null;
        var port = FreePort();
        var cluster = new PostgresCluster(folder, bin, runAs, port);
        var data = Path.Combine(folder, "data");
        cluster.Run("initdb", "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync");

        // Durability is worthless for a throwaway cluster and costs the tests most of their time.
        var settings = $"-p {port} -c listen_addresses=127.0.0.1 -k {folder} -F -c full_page_writes=off -c synchronous_commit=off -c max_connections=300";
        cluster.Run("pg_ctl", "-D", data, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60", "-o", settings, "start");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Stop();
        return cluster;
    }

    /// <summary>
    /// Stops the server and deletes its folder from a detached shell: the test host may be ended soon after its exit
    /// handlers start, and a half-deleted cluster would stay in /tmp.
    /// </summary>
    private void Stop()
    {
        var pgCtl = Path.Combine(_bin, "pg_ctl");
        var stop = _runAs is null ? $"'{pgCtl}'" : $"runuser -u {_runAs} -- '{pgCtl}'";
        var start = new ProcessStartInfo("sh") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"{stop} -D '{Path.Combine(_folder, "data")}' -m immediate -w stop >/dev/null 2>&1; rm -rf '{_folder}'");
        using var process = Process.Start(start);
    }

    private void Run(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(_runAs is null ? Path.Combine(_bin, tool) : "runuser")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _folder,
        };
        if (_runAs is not null)
        {
            foreach (var prefix in new[] { "-u", _runAs, "--", Path.Combine(_bin, tool) })
            {
                start.ArgumentList.Add(prefix);
            }
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;

        // Read both streams before waiting; the server started by pg_ctl writes to its own log, not to these pipes.
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(90)) || process.ExitCode != 0)
        {
            var log = Path.Combine(_folder, "server.log");
            throw new InvalidOperationException(
                $"{tool} failed ({(process.HasExited ? process.ExitCode : "timed out")}): {error.Result}{output.Result}" +
                (File.Exists(log) ? File.ReadAllText(log) : ""));
        }
    }

    private static bool UserExists(string name) =>
        File.ReadLines("/etc/passwd").Any(line => line.StartsWith(name + ":", StringComparison.Ordinal));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The folder holding initdb and pg_ctl: /usr/local/bin, PATH, or Debian's /usr/lib/postgresql/&lt;version&gt;/bin (newest).</summary>
    private static string? FindBinaries()
    {
        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var version) ? version : 0)
                .Select(d => Path.Combine(d, "bin"))
            : [];
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);
        return new[] { "/usr/local/bin" }.Concat(path).Concat(debian)
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
    }
}
