using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pathavana.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AuditLogSummaryCut : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Retention may remove a record only when it is over 30 days old (by the database's clock)
            // and a later audit.summarised record (its subject_id the last sequence it summarises)
            // accounts for it; updates stay refused. The app's role has no DELETE on audit_logs: it
            // removes through audit_logs_cut, which runs as the owner and passes through this trigger.
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION audit_logs_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'DELETE' AND OLD.occurred_at < now() - interval '30 days' AND EXISTS (
                        SELECT 1 FROM audit_logs s
                        WHERE s.action = 'audit.summarised' AND s.sequence > OLD.sequence
                          AND s.subject_id ~ '^[0-9]{1,18}$' AND s.subject_id::bigint >= OLD.sequence) THEN
                        RETURN OLD;
                    END IF;
                    RAISE EXCEPTION 'audit_logs is append-only: only records over 30 days old that a later audit.summarised record accounts for may be removed';
                END $$;
                CREATE FUNCTION audit_logs_cut(through_sequence bigint) RETURNS bigint
                    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
                DECLARE removed bigint;
                BEGIN
                    DELETE FROM audit_logs WHERE sequence <= through_sequence;
                    GET DIAGNOSTICS removed = ROW_COUNT;
                    RETURN removed;
                END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP FUNCTION IF EXISTS audit_logs_cut(bigint);
                CREATE OR REPLACE FUNCTION audit_logs_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'audit_logs is append-only';
                END $$;
                """);
        }
    }
}
