using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartEnv.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Enterprises : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "enterprise_uscc",
                table: "sites",
                type: "TEXT",
                maxLength: 18,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "enterprises",
                columns: table => new
                {
                    uscc = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    address = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    street = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_enterprises", x => x.uscc);
                });

            migrationBuilder.CreateIndex(
                name: "IX_sites_enterprise_uscc",
                table: "sites",
                column: "enterprise_uscc");

            migrationBuilder.AddForeignKey(
                name: "FK_sites_enterprises_enterprise_uscc",
                table: "sites",
                column: "enterprise_uscc",
                principalTable: "enterprises",
                principalColumn: "uscc",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_sites_enterprises_enterprise_uscc",
                table: "sites");

            migrationBuilder.DropTable(
                name: "enterprises");

            migrationBuilder.DropIndex(
                name: "IX_sites_enterprise_uscc",
                table: "sites");

            migrationBuilder.DropColumn(
                name: "enterprise_uscc",
                table: "sites");
        }
    }
}
