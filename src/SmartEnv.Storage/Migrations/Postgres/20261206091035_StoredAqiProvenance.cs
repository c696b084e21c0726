using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SmartEnv.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class StoredAqiProvenance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Widen first: a `;`-joined list grows by 2 characters per separator and 4 for the brackets.
            migrationBuilder.Sql("ALTER TABLE hourly_aqi ALTER COLUMN primary_pollutants TYPE character varying(128);");
            migrationBuilder.Sql("ALTER TABLE daily_aqi ALTER COLUMN primary_pollutants TYPE character varying(128);");
            // Data: `;`-joined primary pollutants become JSON arrays in place ("pm25_24h;o3_8h" → ["pm25_24h","o3_8h"],
            // NULL or "" → []), before the column becomes NOT NULL.
            foreach (var table in new[] { "hourly_aqi", "daily_aqi" })
                migrationBuilder.Sql($"UPDATE {table} SET primary_pollutants = CASE WHEN primary_pollutants IS NULL OR primary_pollutants = '' " +
                    "THEN '[]' ELSE '[\"' || REPLACE(primary_pollutants, ';', '\",\"') || '\"]' END;");

            migrationBuilder.AlterColumn<string>(
                name: "primary_pollutants",
                table: "hourly_aqi",
                type: "character varying(128)",
                maxLength: 128,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64,
                oldNullable: true);

            migrationBuilder.AddColumn<string>(
                name: "concentrations_json",
                table: "hourly_aqi",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "rule_version",
                table: "hourly_aqi",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AlterColumn<string>(
                name: "primary_pollutants",
                table: "daily_aqi",
                type: "character varying(128)",
                maxLength: 128,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64,
                oldNullable: true);

            migrationBuilder.AddColumn<string>(
                name: "invalid_json",
                table: "daily_aqi",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "rule_version",
                table: "daily_aqi",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "valid_hours",
                table: "daily_aqi",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "values_json",
                table: "daily_aqi",
                type: "text",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "evaluation_days",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    site_id = table.Column<long>(type: "bigint", nullable: false),
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    last_error = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
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
            foreach (var table in new[] { "hourly_aqi", "daily_aqi" })
                migrationBuilder.Sql($"UPDATE {table} SET primary_pollutants = REPLACE(REPLACE(REPLACE(REPLACE(primary_pollutants, '\",\"', ';'), '[\"', ''), '\"]', ''), '[]', '');");

            migrationBuilder.DropTable(
                name: "evaluation_days");

            migrationBuilder.DropColumn(
                name: "concentrations_json",
                table: "hourly_aqi");

            migrationBuilder.DropColumn(
                name: "rule_version",
                table: "hourly_aqi");

            migrationBuilder.DropColumn(
                name: "invalid_json",
                table: "daily_aqi");

            migrationBuilder.DropColumn(
                name: "rule_version",
                table: "daily_aqi");

            migrationBuilder.DropColumn(
                name: "valid_hours",
                table: "daily_aqi");

            migrationBuilder.DropColumn(
                name: "values_json",
                table: "daily_aqi");

            migrationBuilder.AlterColumn<string>(
                name: "primary_pollutants",
                table: "hourly_aqi",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(128)",
                oldMaxLength: 128);

            migrationBuilder.AlterColumn<string>(
                name: "primary_pollutants",
                table: "daily_aqi",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(128)",
                oldMaxLength: 128);
        }
    }
}
