using Microsoft.EntityFrameworkCore;
using Pathavana.Platform.Data;

namespace Pathavana.Tests.Infrastructure;

internal static class TestDatabases
{
    public static PostgresPathavanaDbContext Postgres(string connectionString, TimeProvider? time = null) =>
        new(new DbContextOptionsBuilder<PostgresPathavanaDbContext>()
            .UseNpgsql(connectionString)
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(new TimestampsInterceptor(time ?? TimeProvider.System))
            .Options, time ?? TimeProvider.System);

    public static SqlitePathavanaDbContext Sqlite(string connectionString, TimeProvider? time = null) =>
        new(new DbContextOptionsBuilder<SqlitePathavanaDbContext>()
            .UseSqlite(connectionString)
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(new TimestampsInterceptor(time ?? TimeProvider.System))
            .Options, time ?? TimeProvider.System);

    public static async Task MigratePostgresAsync(string connectionString)
    {
        await using var db = Postgres(connectionString);
        await db.Database.MigrateAsync();
    }
}
