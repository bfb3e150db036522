using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pathavana.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EncryptedPersonalDataAndConsents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_bookings_users_owner_id",
                table: "bookings");

            migrationBuilder.AlterColumn<Guid>(
                name: "owner_id",
                table: "bookings",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "TEXT");

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

            migrationBuilder.CreateTable(
                name: "consents",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    anonymous_token_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    purpose = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    granted = table.Column<bool>(type: "INTEGER", nullable: false),
                    recorded_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_consents", x => x.id);
                    table.ForeignKey(
                        name: "fk_consents_users_user_id",
                        column: x => x.user_id,
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

            migrationBuilder.CreateIndex(
                name: "ix_consents_anonymous_token_hash_purpose_recorded_at",
                table: "consents",
                columns: new[] { "anonymous_token_hash", "purpose", "recorded_at" });

            migrationBuilder.CreateIndex(
                name: "ix_consents_user_id_purpose_recorded_at",
                table: "consents",
                columns: new[] { "user_id", "purpose", "recorded_at" });

            migrationBuilder.AddForeignKey(
                name: "fk_bookings_users_owner_id",
                table: "bookings",
                column: "owner_id",
                principalTable: "users",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_bookings_users_owner_id",
                table: "bookings");

            migrationBuilder.DropTable(
                name: "anonymous_keys");

            migrationBuilder.DropTable(
                name: "consents");

            migrationBuilder.DropColumn(
                name: "passenger_snapshot",
                table: "bookings");

            migrationBuilder.AlterColumn<Guid>(
                name: "owner_id",
                table: "bookings",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "TEXT",
                oldNullable: true);

            migrationBuilder.AddForeignKey(
                name: "fk_bookings_users_owner_id",
                table: "bookings",
                column: "owner_id",
                principalTable: "users",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }
    }
}
