using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pathavana.Platform.Configuration;
using Pathavana.Platform.Security.Encryption;

namespace Pathavana.Platform.Data;

internal static class DataModule
{
    public static void AddData(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DatabaseOptions>()
            .Bind(builder.Configuration.GetSection(DatabaseOptions.Section))
            .Configure(o => o.ConnectionString ??= builder.Configuration.GetConnectionString(DatabaseOptions.ConnectionStringName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>();
        services.AddSingleton<TimestampsInterceptor>();
        services.AddSingleton<DataKeys>();
        services.AddSingleton<RowEncryptionInterceptor>();
        services.AddSingleton<EmbeddedDatabase>();
        services.AddHostedService<EmbeddedDatabaseInitializer>();

        // Both contexts are registered; the configured provider picks one when a scope asks for
        // PathavanaDbContext, so configuration is read when the app runs, not when it is composed.
        services.AddDbContext<SqlitePathavanaDbContext>((sp, options) =>
        {
            var db = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            options.UseSqlite(sp.GetRequiredService<EmbeddedDatabase>().ConnectionString, sqlite => sqlite
                    .MigrationsAssembly(typeof(DataModule).Assembly.GetName().Name)
                    .CommandTimeout(db.CommandTimeoutSeconds))
                .UseSnakeCaseNamingConvention()
                .ConfigureWarnings(QuietExpectedFailures)
                .AddInterceptors(sp.GetRequiredService<TimestampsInterceptor>(), sp.GetRequiredService<RowEncryptionInterceptor>(), RowDecryptionInterceptor.Instance);
        });
        services.AddDbContext<PostgresPathavanaDbContext>((sp, options) =>
        {
            var db = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            // The pool's name is a label of Npgsql's metrics: without one it is the connection string (host, user, database).
            options.UseNpgsql(db.ConnectionString, npgsql => npgsql.CommandTimeout(db.CommandTimeoutSeconds).ConfigureDataSource(source => source.Name = "pathavana"))
                .UseSnakeCaseNamingConvention()
                .ConfigureWarnings(QuietExpectedFailures)
                .AddInterceptors(sp.GetRequiredService<TimestampsInterceptor>(), sp.GetRequiredService<RowEncryptionInterceptor>(), RowDecryptionInterceptor.Instance);
        });
        services.AddScoped<PathavanaDbContext>(sp =>
            sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider == DatabaseProvider.Postgres
                ? sp.GetRequiredService<PostgresPathavanaDbContext>()
                : sp.GetRequiredService<SqlitePathavanaDbContext>());
    }

    /// <summary>
    /// EF Core logs every failed command and every failed SaveChanges at ERROR, with the SQL, before
    /// the caller sees the exception, so an outcome the code expects and answers (a unique index
    /// refusing a second chat turn with the same sequence number → 409, an idempotency key already
    /// stored, the migration check asking for a history table that does not exist yet) logged as an
    /// error. Those two events log at Debug here; a failure nobody handles still reaches the
    /// exception handler (or the job runner), which logs it at ERROR once, with the exception.
    /// </summary>
    internal static void QuietExpectedFailures(Microsoft.EntityFrameworkCore.Diagnostics.WarningsConfigurationBuilder warnings) =>
        warnings.Log(
            (Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.CommandError, LogLevel.Debug),
            (Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.SaveChangesFailed, LogLevel.Debug));

    /// <summary>The SQLite connection string, worked out (and its folder made) once, not per request scope.</summary>
    internal sealed class EmbeddedDatabase(IOptions<DatabaseOptions> db, IOptions<StorageOptions> storage)
    {
        private readonly Lazy<string> _connectionString = new(() => SqliteConnectionString(db.Value, storage.Value));

        public string ConnectionString => _connectionString.Value;
    }

    internal static string SqliteConnectionString(DatabaseOptions db, StorageOptions storage)
    {
        if (!string.IsNullOrWhiteSpace(db.ConnectionString))
        {
            return db.ConnectionString;
        }
        var directory = storage.ResolveDataDirectory();
        Directory.CreateDirectory(directory);
        return $"Data Source={Path.Combine(directory, "pathavana.db")};Foreign Keys=True";
    }

    /// <summary>Migrates the SQLite database; returns how many migrations were applied.</summary>
    public static async Task<int> MigrateSqliteAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SqlitePathavanaDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
        if (pending > 0)
        {
            // Skipped when the schema is current: Migrate also compares the model with the last
            // migration's snapshot, which took most of the start-up time on an existing database.
            await db.Database.MigrateAsync(cancellationToken);
        }
        // Concurrent readers beside a writer without "database is locked" errors.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        return pending;
    }
}
