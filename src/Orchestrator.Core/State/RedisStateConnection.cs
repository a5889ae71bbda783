using Orchestrator.Configuration;
using StackExchange.Redis;

namespace Orchestrator.State;

/// <summary>
/// One connection to the Redis server named by <c>state.connection_env</c>. It never fails to
/// open: an unreachable server at start-up is a state every caller handles per its
/// <c>on_unavailable</c> policy, and the connection keeps retrying in the background. A command
/// sent while the connection is down waits for it at most <see cref="Timeout"/>, then fails, so a
/// request never hangs on the store and a short blip (a restart) costs no refusals.
/// </summary>
internal sealed class RedisStateConnection : IDisposable, IDependencyReachability
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    private readonly ConnectionMultiplexer _multiplexer;
    private readonly DependencyMetrics? _metrics;

    private RedisStateConnection(ConnectionMultiplexer multiplexer, string location, string keyPrefix, DependencyMetrics? metrics)
    {
        _multiplexer = multiplexer;
        Location = location;
        KeyPrefix = keyPrefix;
        _metrics = metrics;
        metrics?.Track(this);
    }

    /// <summary>The server's endpoints, for messages (never the password).</summary>
    public string Location { get; }

    public string KeyPrefix { get; }

    public IDatabase Database => _multiplexer.GetDatabase();

    public bool IsConnected => _multiplexer.IsConnected;

    string IDependencyReachability.Dependency => DependencyMetrics.Redis;

    bool? IDependencyReachability.IsUp => IsConnected;

    /// <summary>
    /// Opens the connection named by <paramref name="config"/>, reporting to <paramref name="metrics"/> (the host's; none for a
    /// store opened on its own); throws <see cref="SharedStateException"/> when the variable is unset or not a connection string.
    /// </summary>
    public static RedisStateConnection Open(StateConfig config, DependencyMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var variable = config.ConnectionEnv ?? throw new SharedStateException("state.provider is redis but state.connection_env is not set; name the variable that holds the Redis connection string, e.g. ORCHESTRATOR_REDIS");
        var value = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new SharedStateException($"state.provider is redis but the environment variable {variable} (state.connection_env) is not set; set it to the Redis connection string, e.g. {variable}=localhost:6379");
        }

        return Open(value, config.KeyPrefix, metrics);
    }

    /// <summary>
    /// Opens a connection string such as <c>localhost:6379,password=...</c> that reports its reachability and failed operations
    /// to <paramref name="metrics"/>, or to nothing when it is null.
    /// </summary>
    public static RedisStateConnection Open(string connectionString, string keyPrefix, DependencyMetrics? metrics = null)
    {
        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(connectionString);
        }
        catch (ArgumentException ex)
        {
            // The message could echo the password: say what is wrong without it.
            throw new SharedStateException("the Redis connection string (state.connection_env) cannot be parsed; expected host:port[,password=...][,ssl=true]", ex);
        }

        if (options.EndPoints.Count == 0)
        {
            throw new SharedStateException("the Redis connection string (state.connection_env) names no server; expected host:port, e.g. localhost:6379");
        }

        options.AbortOnConnectFail = false;
        options.ConnectTimeout = 5000;
        options.SyncTimeout = (int)Timeout.TotalMilliseconds;
        options.AsyncTimeout = (int)Timeout.TotalMilliseconds;
        options.ConnectRetry = 1;
        options.ClientName = "orchestrator";
        var location = string.Join(",", options.EndPoints.Select(e => e.ToString()));
        return new RedisStateConnection(ConnectionMultiplexer.Connect(options), "redis " + location, keyPrefix, metrics);
    }

    /// <summary>Whether <paramref name="exception"/> means the server could not be reached or answered too late.</summary>
    public static bool IsUnavailable(Exception exception) =>
        exception is RedisConnectionException or RedisTimeoutException or TimeoutException
        || (exception is RedisServerException server && (server.Message.StartsWith("LOADING", StringComparison.Ordinal) || server.Message.StartsWith("BUSY", StringComparison.Ordinal)));

    /// <summary>Counts one operation of <paramref name="store"/> that failed because the server was unreachable (see <see cref="IsUnavailable"/>).</summary>
    public void CountFailure(string store) => _metrics?.Failed(store);

    public void Dispose()
    {
        _metrics?.Untrack(this);
        _multiplexer.Dispose();
    }
}
