using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartEnv.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Scaleout : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "claimed_by",
                table: "evaluation_days",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "generation",
                table: "evaluation_days",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "lease_until",
                table: "evaluation_days",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "evaluation_claims",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    site_id = table.Column<long>(type: "INTEGER", nullable: false),
                    day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    generation = table.Column<long>(type: "INTEGER", nullable: false),
                    instance = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    claimed_at = table.Column<long>(type: "INTEGER", nullable: false),
                    finished_at = table.Column<long>(type: "INTEGER", nullable: true),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_evaluation_claims", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_evaluation_days_lease_until",
                table: "evaluation_days",
                column: "lease_until");

            migrationBuilder.CreateIndex(
                name: "IX_evaluation_claims_claimed_at",
                table: "evaluation_claims",
                column: "claimed_at");

            migrationBuilder.CreateIndex(
                name: "IX_evaluation_claims_site_id_day",
                table: "evaluation_claims",
                columns: new[] { "site_id", "day" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "evaluation_claims");

            migrationBuilder.DropIndex(
                name: "IX_evaluation_days_lease_until",
                table: "evaluation_days");

            migrationBuilder.DropColumn(
                name: "claimed_by",
                table: "evaluation_days");

            migrationBuilder.DropColumn(
                name: "generation",
                table: "evaluation_days");

            migrationBuilder.DropColumn(
                name: "lease_until",
                table: "evaluation_days");
        }
    }
}
