using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartEnv.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StoredAqiProvenance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Data: `;`-joined primary pollutants become JSON arrays in place ("pm25_24h;o3_8h" → ["pm25_24h","o3_8h"],
            // NULL or "" → []), before the column becomes NOT NULL.
            foreach (var table in new[] { "hourly_aqi", "daily_aqi" })
                migrationBuilder.Sql($"UPDATE {table} SET primary_pollutants = CASE WHEN primary_pollutants IS NULL OR primary_pollutants = '' " +
                    "THEN '[]' ELSE '[\"' || REPLACE(primary_pollutants, ';', '\",\"') || '\"]' END;");

            migrationBuilder.AlterColumn<string>(
                name: "primary_pollutants",
                table: "hourly_aqi",
                type: "TEXT",
                maxLength: 128,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 64,
                oldNullable: true);

            migrationBuilder.AddColumn<string>(
                name: "concentrations_json",
                table: "hourly_aqi",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "rule_version",
                table: "hourly_aqi",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AlterColumn<string>(
                name: "primary_pollutants",
                table: "daily_aqi",
                type: "TEXT",
                maxLength: 128,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 64,
                oldNullable: true);

            migrationBuilder.AddColumn<string>(
                name: "invalid_json",
                table: "daily_aqi",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "rule_version",
                table: "daily_aqi",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "valid_hours",
                table: "daily_aqi",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "values_json",
                table: "daily_aqi",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "evaluation_days",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    site_id = table.Column<long>(type: "INTEGER", nullable: false),
                    day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    last_error = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    next_attempt_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_evaluation_days", x => x.id);
                    table.ForeignKey(
                        name: "FK_evaluation_days_sites_site_id",
                        column: x => x.site_id,
                        principalTable: "sites",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_evaluation_days_site_id_day",
                table: "evaluation_days",
                columns: new[] { "site_id", "day" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_evaluation_days_state_next_attempt_at",
                table: "evaluation_days",
                columns: new[] { "state", "next_attempt_at" });

            // Data: every stored day was computed without the provenance columns (valid hours, daily values, rule version):
            // it is queued for recomputation (state pending); its old figures are served until then.
            migrationBuilder.Sql("INSERT INTO evaluation_days (site_id, day, state, attempts, updated_at) " +
                "SELECT site_id, date, 'pending', 0, MAX(calculated_at) FROM daily_aqi GROUP BY site_id, date;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Raw SQL: the previous migration (SeedPositionsNotPlaceholders) has no target model, so EF cannot rebuild tables
            // here; SQLite ≥ 3.35 drops columns itself. primary_pollutants stays NOT NULL (every row holds text; the older
            // model reads it as a nullable string).
            migrationBuilder.Sql("DROP TABLE evaluation_days;");
            foreach (var (table, column) in new[] { ("hourly_aqi", "concentrations_json"), ("hourly_aqi", "rule_version"), ("daily_aqi", "invalid_json"),
                         ("daily_aqi", "rule_version"), ("daily_aqi", "valid_hours"), ("daily_aqi", "values_json") })
                migrationBuilder.Sql($"ALTER TABLE {table} DROP COLUMN {column};");
            // Data: JSON arrays back to `;`-joined text.
            foreach (var table in new[] { "hourly_aqi", "daily_aqi" })
                migrationBuilder.Sql($"UPDATE {table} SET primary_pollutants = REPLACE(REPLACE(REPLACE(REPLACE(primary_pollutants, '\",\"', ';'), '[\"', ''), '\"]', ''), '[]', '');");
        }
    }
}
