using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartEnv.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FlagExclusions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "excluded_json",
                table: "hourly_aqi",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "excluded_json",
                table: "daily_aqi",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "excluded_json",
                table: "hourly_aqi");

            migrationBuilder.DropColumn(
                name: "excluded_json",
                table: "daily_aqi");
        }
    }
}
