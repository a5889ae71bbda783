namespace Orchestrator.Tests.Support;

/// <summary>A fact that needs a real Redis server: skipped, saying why, when redis-server is not installed.</summary>
public sealed class RedisFactAttribute : FactAttribute
{
    public RedisFactAttribute()
    {
        if (RedisServer.Executable is null)
        {
            Skip = "redis-server is not installed (apt-get install redis-server); the shared-state tests need a real Redis server";
        }
    }
}
