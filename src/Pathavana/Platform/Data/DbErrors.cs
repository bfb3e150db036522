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
}
