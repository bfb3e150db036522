using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pathavana.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EncryptedPersonalData : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "passenger_snapshot",
                table: "bookings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "anonymous_keys",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    token_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    adopted_by = table.Column<Guid>(type: "TEXT", nullable: true),
                    master_key_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    wrapped_key = table.Column<byte[]>(type: "BLOB", maxLength: 128, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_anonymous_keys", x => x.id);
                    table.ForeignKey(
                        name: "fk_anonymous_keys_users_adopted_by",
                        column: x => x.adopted_by,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_anonymous_keys_adopted_by",
                table: "anonymous_keys",
                column: "adopted_by");

            migrationBuilder.CreateIndex(
                name: "ix_anonymous_keys_token_hash",
                table: "anonymous_keys",
                column: "token_hash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "anonymous_keys");

            migrationBuilder.DropColumn(
                name: "passenger_snapshot",
                table: "bookings");
        }
    }
}
