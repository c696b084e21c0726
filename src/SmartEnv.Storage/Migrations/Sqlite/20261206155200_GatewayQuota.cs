using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartEnv.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class GatewayQuota : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "quarantine_tallies",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    window_start = table.Column<long>(type: "INTEGER", nullable: false),
                    window_end = table.Column<long>(type: "INTEGER", nullable: false),
                    address = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    frames = table.Column<long>(type: "INTEGER", nullable: false),
                    bytes = table.Column<long>(type: "INTEGER", nullable: false),
                    stored = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_quarantine_tallies", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_quarantine_tallies_window_start",
                table: "quarantine_tallies",
                column: "window_start");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "quarantine_tallies");
        }
    }
}
