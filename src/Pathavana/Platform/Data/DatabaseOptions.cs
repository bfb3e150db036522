using Microsoft.Extensions.Options;

namespace Pathavana.Platform.Data;

internal enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

internal sealed class DatabaseOptions
{
    public const string Section = "Database";
    public const string ConnectionStringName = "Pathavana";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>From <c>ConnectionStrings:Pathavana</c>; optional for SQLite (a file under the data directory).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Seconds a command may run before it is abandoned.</summary>
    public int CommandTimeoutSeconds { get; set; } = 30;
}

internal sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Provider))
        {
            failures.Add("Database__Provider must be 'Sqlite' or 'Postgres'.");
        }
        if (options.Provider == DatabaseProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(options.ConnectionString))
            {
                failures.Add("ConnectionStrings__Pathavana is required when Database__Provider=Postgres.");
            }
            else
            {
                try
                {
                    _ = new Npgsql.NpgsqlConnectionStringBuilder(options.ConnectionString);
                }
                catch (ArgumentException ex)
                {
                    failures.Add($"ConnectionStrings__Pathavana is not a valid PostgreSQL connection string: {ex.Message}");
                }
            }
        }
        if (options.CommandTimeoutSeconds is < 1 or > 600)
        {
            failures.Add("Database__CommandTimeoutSeconds must be between 1 and 600.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
