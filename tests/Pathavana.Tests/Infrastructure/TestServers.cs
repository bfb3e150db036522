[assembly: AssemblyFixture(typeof(Pathavana.Tests.Infrastructure.TestServers))]

namespace Pathavana.Tests.Infrastructure;

/// <summary>
/// The real servers of this test run: one PostgreSQL and one Redis, started once and stopped at
/// the end. A missing binary fails every test that needs it, with an install hint.
/// </summary>
public sealed class TestServers : IAsyncLifetime
{
    private PostgresServer? _postgres;
    private RedisServer? _redis;

    public PostgresServer Postgres => _postgres ?? throw new InvalidOperationException("PostgreSQL did not start.");
    public RedisServer Redis => _redis ?? throw new InvalidOperationException("Redis did not start.");

    public async ValueTask InitializeAsync()
    {
        var postgres = PostgresServer.StartAsync();
        var redis = RedisServer.StartAsync();
        _postgres = await postgres;
        _redis = await redis;
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }
}
