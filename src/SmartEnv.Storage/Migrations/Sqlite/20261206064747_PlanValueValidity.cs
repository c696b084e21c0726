using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartEnv.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PlanValueValidity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "valid",
                table: "plan_indicator_values",
                type: "INTEGER",
                nullable: false,
                defaultValue: true); // values stored before validity was recorded were all taken as valid; a recompute appends a corrected version
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "valid",
                table: "plan_indicator_values");
        }
    }
}
