using System.Globalization;

namespace PortalGrains.Bench;

/// <summary>The command line (bench/README.md).</summary>
public sealed class BenchOptions
{
    public static readonly string[] Commands = ["catalog", "verify-token", "provisioning", "state", "cold-start", "all"];

    public string Command { get; private set; } = "";

    public bool Quick { get; private set; }

    public TimeSpan Duration { get; private set; } = TimeSpan.FromSeconds(10);

    public TimeSpan Warmup { get; private set; } = TimeSpan.FromSeconds(2);

    public int Connections { get; private set; } = 16;

    /// <summary>How many times each comparison is repeated; the report gives the median.</summary>
    public int Repeat { get; private set; } = 3;

    /// <summary>The dev IdP to use; null: the bench starts its own.</summary>
    public Uri? Idp { get; private set; }

    /// <summary>Azure Table connection string; null: the bench starts its own Azurite.</summary>
    public string? AzureTables { get; private set; }

    /// <summary>Redis for <c>--storage Redis</c>; null: the portal's default (127.0.0.1:6379).</summary>
    public string? Redis { get; private set; }

    /// <summary>The state benchmark writes heap snapshots (dotnet-gcdump) of the silo here; null: none.</summary>
    public string? GcDumpDirectory { get; private set; }

    public string? HostAssembly { get; private set; }

    public string? Configuration { get; private set; }

    public string Storage { get; private set; } = "AzureTables";

    public IReadOnlyList<int> Checkouts { get; private set; } = [200, 2000];

    public int ProvisioningConcurrency { get; private set; } = 64;

    public int Applications { get; private set; } = 100_000;

    public int StateConcurrency { get; private set; } = 48;

    /// <summary>The state benchmark stops creating applications after this long and reports what it reached.</summary>
    public TimeSpan StateBudget { get; private set; } = TimeSpan.FromMinutes(25);

    public string? AnswerFile { get; private set; }

    public static BenchOptions Parse(string[] args)
    {
        if (args.Length == 0 || args[0] is "--help" or "-h")
        {
            throw new ArgumentException(Usage);
        }

        var options = new BenchOptions { Command = args[0] };
        if (options.Command != "serve-bare" && !Commands.Contains(options.Command))
        {
            throw new ArgumentException($"unknown command {options.Command}\n{Usage}");
        }

        options.Idp = Environment.GetEnvironmentVariable("PG_TEST_IDP_URL") is { Length: > 0 } idp ? new Uri(idp) : null;
        options.AzureTables = Environment.GetEnvironmentVariable("PG_TEST_AZURE_TABLES") is { Length: > 0 } tables ? tables : null;
        options.Redis = Environment.GetEnvironmentVariable("PG_TEST_REDIS") is { Length: > 0 } redis ? redis : null;
        TimeSpan? duration = null, warmup = null;
        int? repeat = null, applications = null;
        IReadOnlyList<int>? checkouts = null;
        for (var i = 1; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int NextInt() => int.Parse(Next(), CultureInfo.InvariantCulture);
            TimeSpan NextSeconds() => TimeSpan.FromSeconds(double.Parse(Next(), CultureInfo.InvariantCulture));
            switch (args[i])
            {
                case "--quick": options.Quick = true; break;
                case "--seconds": duration = NextSeconds(); break;
                case "--warmup": warmup = NextSeconds(); break;
                case "--connections": options.Connections = NextInt(); break;
                case "--repeat": repeat = NextInt(); break;
                case "--idp": options.Idp = new Uri(Next()); break;
                case "--own-servers": options.Idp = null; options.AzureTables = null; break;
                case "--azure-tables": options.AzureTables = Next(); break;
                case "--host": options.HostAssembly = Path.GetFullPath(Next()); break;
                case "--configuration": options.Configuration = Next(); break;
                case "--storage": options.Storage = Next(); break;
                case "--redis": options.Redis = Next(); break;
                case "--gcdump": options.GcDumpDirectory = Path.GetFullPath(Next()); break;
                case "--checkouts": checkouts = [.. Next().Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture))]; break;
                case "--provisioning-concurrency": options.ProvisioningConcurrency = NextInt(); break;
                case "--apps": applications = NextInt(); break;
                case "--state-concurrency": options.StateConcurrency = NextInt(); break;
                case "--state-minutes": options.StateBudget = TimeSpan.FromMinutes(double.Parse(Next(), CultureInfo.InvariantCulture)); break;
                case "--answer": options.AnswerFile = Next(); break;
                default: throw new ArgumentException($"unknown argument {args[i]}\n{Usage}");
            }
        }

        // --quick: each measurement about a second, once, on small numbers, so that the whole tool runs in the test suite.
        options.Duration = duration ?? (options.Quick ? TimeSpan.FromSeconds(1) : options.Duration);
        options.Warmup = warmup ?? (options.Quick ? TimeSpan.FromSeconds(0.5) : options.Warmup);
        options.Repeat = repeat ?? (options.Quick ? 1 : options.Repeat);
        options.Applications = applications ?? (options.Quick ? 200 : options.Applications);
        options.Checkouts = checkouts ?? (options.Quick ? [20] : options.Checkouts);
        if (options.Connections < 1 || options.Duration <= TimeSpan.Zero || options.Repeat < 1 || options.Applications < 1
            || options.Checkouts.Any(n => n < 1))
        {
            throw new ArgumentException("--connections, --seconds, --repeat, --apps and --checkouts must be positive");
        }

        if (options.Command == "serve-bare" && options.AnswerFile is null)
        {
            throw new ArgumentException("serve-bare needs --answer FILE");
        }

        return options;
    }

    public const string Usage = """
        usage: PortalGrains.Bench COMMAND [options]
          commands: catalog | verify-token | provisioning | state | cold-start | all
          --quick              each measurement about 1 s, once, small N (the smoke mode of the test suite)
          --seconds N          measured seconds per load target (default 10); --warmup N before each (default 2)
          --connections C      concurrent connections of the load generator (default 16)
          --repeat R           repetitions of each comparison; the median is reported (default 3)
          --idp URL            use this dev IdP (default: PG_TEST_IDP_URL, else start one from deploy/dev-idp)
          --azure-tables CS    use this Azure Table storage (default: PG_TEST_AZURE_TABLES, else start Azurite)
          --own-servers        start an own dev IdP and Azurite even when PG_TEST_* are set
          --host PATH          PortalGrains.Host.dll to run (default: src/PortalGrains.Host/bin/Release, else Debug)
          --configuration C    pick src/PortalGrains.Host/bin/C
          --storage S          grain storage of the portal: AzureTables (default), Redis, Memory
          --redis CS           the Redis of --storage Redis (default: PG_TEST_REDIS, else 127.0.0.1:6379)
          --gcdump DIR         state: heap snapshots of the silo (dotnet-gcdump) with all activated and after collection
          --checkouts N,N      provisioning: approvals per run (default 200,2000)
          --provisioning-concurrency C   requests in flight while approving / registering (default 64)
          --apps N             state: applications with one ACTIVE request each (default 100000)
          --state-concurrency C          checkouts in flight while creating them (default 48)
          --state-minutes M    state: stop creating after M minutes and report what was reached (default 25)
        """;
}
