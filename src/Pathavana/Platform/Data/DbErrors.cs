using Microsoft.EntityFrameworkCore;

namespace Pathavana.Platform.Data;

internal static class DbErrors
{
    /// <summary>A unique index refused the row (PostgreSQL 23505, SQLite constraint 19/2067).</summary>
    public static bool IsUniqueViolation(DbUpdateException exception) => exception.InnerException switch
    {
        Npgsql.PostgresException pg => pg.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteErrorCode == 19,
        _ => false,
    };

    /// <summary>
    /// Two writers met on the same rows: a unique index refused the later row, or PostgreSQL broke a
    /// deadlock (40P01) or a serialization conflict (40001) between them. The loser may retry on fresh data.
    /// </summary>
    public static bool IsConcurrentWrite(DbUpdateException exception) =>
        IsUniqueViolation(exception)
        || exception.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.DeadlockDetected or Npgsql.PostgresErrorCodes.SerializationFailure };
}
