using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pathavana.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TripNotesAndPartySize : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "notes",
                table: "trips",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "party_size",
                table: "trips",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "notes",
                table: "trips");

            migrationBuilder.DropColumn(
                name: "party_size",
                table: "trips");
        }
    }
}
