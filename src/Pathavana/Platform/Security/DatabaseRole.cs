using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pathavana.Platform.Data;

namespace Pathavana.Platform.Security;

/// <summary>The least-privilege PostgreSQL role the application runs as (section <c>Database</c>).</summary>
internal sealed class DatabaseRoleOptions
{
    public const string Section = "Database";

    /// <summary>
    /// The role <c>pathavana migrate</c> (run as the schema owner) creates and grants: read and write
    /// on every table, but on <c>audit_logs</c> only SELECT and INSERT. Empty: migrate grants nothing.
    /// </summary>
    public string AppRole { get; set; } = "pathavana_app";

    /// <summary>When set, migrate gives <see cref="AppRole"/> this password (LOGIN PASSWORD); otherwise it keeps the one it has.</summary>
    public string? AppRolePassword { get; set; }
}

/// <summary>Creates the application's role and grants it what it needs, and no more.</summary>
internal static partial class DatabaseRole
{
    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex RoleName();

    public static bool IsValidName(string role) => RoleName().IsMatch(role);

    /// <summary>
    /// Run by <c>pathavana migrate</c> with the owner's connection after the migrations: the app role
    /// may use every table but can neither change nor delete nor truncate audit records, nor alter
    /// the schema (it owns nothing).
    /// </summary>
    public static async Task GrantAsync(PathavanaDbContext db, DatabaseRoleOptions options, CancellationToken ct)
    {
        var role = options.AppRole;
        if (string.IsNullOrEmpty(role))
        {
            return;
        }
        if (!IsValidName(role))
        {
            throw new OptionsValidationException(DatabaseRoleOptions.Section, typeof(DatabaseRoleOptions),
                [$"Database__AppRole '{role}' must be a lower-case PostgreSQL name (letters, digits, _)."]);
        }
        // Idempotent and safe against two migrate jobs racing (roles are cluster-wide). An existing
        // role is left as it is, so an operator may create it beforehand and give the owner no CREATEROLE.
        // The role name matched RoleName() above and the password is quoted: nothing here is injectable.
        var create = $"""
            DO $$ BEGIN
              IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}') THEN
                CREATE ROLE {role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;
              END IF;
            EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
            END $$;
            """;
        await db.Database.ExecuteSqlRawAsync(create, ct);
        if (!string.IsNullOrEmpty(options.AppRolePassword))
        {
            var quoted = "'" + options.AppRolePassword.Replace("'", "''", StringComparison.Ordinal) + "'";
            var password = $"ALTER ROLE {role} LOGIN PASSWORD {quoted}";
            await db.Database.ExecuteSqlRawAsync(password, ct);
        }
        var grants = $"""
            DO $$ BEGIN
              EXECUTE format('GRANT CONNECT ON DATABASE %I TO {role}', current_database());
            END $$;
            GRANT USAGE ON SCHEMA public TO {role};
            REVOKE CREATE ON SCHEMA public FROM {role};
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role};
            GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role};
            REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_logs FROM {role};
            REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON "__EFMigrationsHistory" FROM {role};
            """;
        await db.Database.ExecuteSqlRawAsync(grants, ct);
    }

    /// <summary>Can the role this app connected as change or remove audit records? (It should not: see docs/security.md.)</summary>
    public static async Task<bool> CanRewriteAuditAsync(PathavanaDbContext db, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT r.rolsuper OR has_table_privilege(current_user, 'audit_logs', 'DELETE')
                       OR has_table_privilege(current_user, 'audit_logs', 'TRUNCATE')
                       OR pg_get_userbyid(c.relowner) = current_user
                FROM pg_roles r, pg_class c WHERE r.rolname = current_user AND c.relname = 'audit_logs'
                """;
            return await command.ExecuteScalarAsync(ct) is true;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}

/// <summary>On PostgreSQL, warns once at start-up when the app's role could rewrite the audit log.</summary>
internal sealed partial class DatabaseRoleCheck(IServiceScopeFactory scopes, IOptions<DatabaseOptions> database, ILogger<DatabaseRoleCheck> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (database.Value.Provider != DatabaseProvider.Postgres)
        {
            return;
        }
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            if (await DatabaseRole.CanRewriteAuditAsync(scope.ServiceProvider.GetRequiredService<PathavanaDbContext>(), stoppingToken))
            {
                LogPrivileged(logger);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The database may not be up yet; readiness reports that.
            LogUnchecked(logger, ex.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The application's database role can delete, truncate or own the audit log: run it as the role 'pathavana migrate' grants (Database__AppRole); see docs/security.md")]
    private static partial void LogPrivileged(ILogger logger);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The database role was not checked at start-up ({Error})")]
    private static partial void LogUnchecked(ILogger logger, string error);
}
