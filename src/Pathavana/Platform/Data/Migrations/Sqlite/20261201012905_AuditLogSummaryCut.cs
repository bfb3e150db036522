using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pathavana.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditLogSummaryCut : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Retention may remove a record only once a later audit.summarised record (its subject_id
            // the last sequence it summarises) accounts for it; updates stay refused.
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_logs_no_delete;");
            migrationBuilder.Sql("""
                CREATE TRIGGER audit_logs_no_delete BEFORE DELETE ON audit_logs
                WHEN NOT EXISTS (SELECT 1 FROM audit_logs s WHERE s.action = 'audit.summarised' AND s.sequence > OLD.sequence
                                 AND CAST(s.subject_id AS INTEGER) >= OLD.sequence)
                BEGIN SELECT RAISE(ABORT, 'audit_logs is append-only: only records a later audit.summarised record accounts for may be removed'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_logs_no_delete;");
            migrationBuilder.Sql("CREATE TRIGGER audit_logs_no_delete BEFORE DELETE ON audit_logs BEGIN SELECT RAISE(ABORT, 'audit_logs is append-only'); END;");
        }
    }
}
