using System.Globalization;

namespace VerifyTokenBench;

/// <summary>Command line of the bench (see bench/README.md).</summary>
public sealed class BenchOptions
{
    public Uri Portal { get; private set; } = new("http://127.0.0.1:5180");

    public Uri Idp { get; private set; } = new("http://127.0.0.1:9010");

    /// <summary>The token to verify; when absent the bench provisions a client and gets one.</summary>
    public string? Token { get; private set; }

    /// <summary>The portal login token the bench calls /graphql with; when absent one is minted at the dev IdP.</summary>
    public string? LoginToken { get; private set; }

    public TimeSpan Duration { get; private set; } = TimeSpan.FromSeconds(10);

    public TimeSpan Warmup { get; private set; } = TimeSpan.FromSeconds(2);

    public int Connections { get; private set; } = 16;

    public bool Quick { get; private set; }

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--portal": options.Portal = new Uri(Next()); break;
                case "--idp": options.Idp = new Uri(Next()); break;
                case "--token": options.Token = Next(); break;
                case "--login-token": options.LoginToken = Next(); break;
                case "--seconds": options.Duration = TimeSpan.FromSeconds(double.Parse(Next(), CultureInfo.InvariantCulture)); break;
                case "--warmup": options.Warmup = TimeSpan.FromSeconds(double.Parse(Next(), CultureInfo.InvariantCulture)); break;
                case "--connections": options.Connections = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--quick": options.Quick = true; break;
                case "--help" or "-h": throw new ArgumentException(Usage);
                default: throw new ArgumentException($"unknown argument {args[i]}\n{Usage}");
            }
        }

        if (options.Quick)
        {
            options.Duration = TimeSpan.FromSeconds(1);
            options.Warmup = TimeSpan.FromSeconds(0.5);
        }

        if (options.Connections < 1 || options.Duration <= TimeSpan.Zero)
        {
            throw new ArgumentException("--connections and --seconds must be positive");
        }

        return options;
    }

    public const string Usage = """
        usage: VerifyTokenBench [--portal URL] [--idp URL] [--token JWT] [--login-token JWT]
                                [--seconds N] [--warmup N] [--connections C] [--quick]
          --portal       running portal (default http://127.0.0.1:5180)
          --idp          dev IdP: the portal's login IdP and the provider's IdP (default http://127.0.0.1:9010)
          --token        token to verify; default: provision a client through GraphQL and get a client_credentials token
          --login-token  bearer token for /graphql; default: a dev-login token from --idp
          --seconds      measured duration per target (default 10); --warmup before each (default 2)
          --connections  concurrent connections (default 16)
          --quick        1 s per target, 0.5 s warm-up
        """;
}
