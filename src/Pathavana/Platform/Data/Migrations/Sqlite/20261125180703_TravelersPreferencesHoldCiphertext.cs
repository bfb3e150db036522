using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pathavana.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TravelersPreferencesHoldCiphertext : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
