using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartEnv.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SourceMonitoring : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "source_day_rates",
                columns: table => new
                {
                    site_id = table.Column<long>(type: "INTEGER", nullable: false),
                    day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    expected = table.Column<int>(type: "INTEGER", nullable: false),
                    received = table.Column<int>(type: "INTEGER", nullable: false),
                    valid = table.Column<int>(type: "INTEGER", nullable: false),
                    excused = table.Column<int>(type: "INTEGER", nullable: false),
                    transmission = table.Column<string>(type: "TEXT", nullable: true),
                    effectiveness = table.Column<string>(type: "TEXT", nullable: true),
                    effective = table.Column<string>(type: "TEXT", nullable: true),
                    rule_version = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_source_day_rates", x => new { x.site_id, x.day });
                    table.ForeignKey(
                        name: "FK_source_day_rates_sites_site_id",
                        column: x => x.site_id,
                        principalTable: "sites",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "source_day_totals",
                columns: table => new
                {
                    site_id = table.Column<long>(type: "INTEGER", nullable: false),
                    parameter_code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    kg = table.Column<string>(type: "TEXT", nullable: false),
                    hours_cou = table.Column<int>(type: "INTEGER", nullable: false),
                    hours_flow_conc = table.Column<int>(type: "INTEGER", nullable: false),
                    hours_invalid_flag = table.Column<int>(type: "INTEGER", nullable: false),
                    day_cou_used = table.Column<bool>(type: "INTEGER", nullable: false),
                    rule_version = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_source_day_totals", x => new { x.site_id, x.parameter_code, x.day });
                    table.ForeignKey(
                        name: "FK_source_day_totals_sites_site_id",
                        column: x => x.site_id,
                        principalTable: "sites",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "source_exceedances",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    site_id = table.Column<long>(type: "INTEGER", nullable: false),
                    parameter_code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    hour_start = table.Column<long>(type: "INTEGER", nullable: false),
                    value = table.Column<string>(type: "TEXT", nullable: false),
                    limit = table.Column<string>(type: "TEXT", nullable: false),
                    multiple = table.Column<string>(type: "TEXT", nullable: false),
                    basis = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    explanation_id = table.Column<long>(type: "INTEGER", nullable: true),
                    rule_version = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_source_exceedances", x => x.id);
                    table.ForeignKey(
                        name: "FK_source_exceedances_sites_site_id",
                        column: x => x.site_id,
                        principalTable: "sites",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "source_hours",
                columns: table => new
                {
                    site_id = table.Column<long>(type: "INTEGER", nullable: false),
                    parameter_code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    hour_start = table.Column<long>(type: "INTEGER", nullable: false),
                    permit_version_id = table.Column<long>(type: "INTEGER", nullable: false),
                    basis = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    value = table.Column<string>(type: "TEXT", nullable: true),
                    o2 = table.Column<string>(type: "TEXT", nullable: true),
                    limit_value = table.Column<string>(type: "TEXT", nullable: false),
                    judged = table.Column<bool>(type: "INTEGER", nullable: false),
                    not_judged_flag = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    exceeds = table.Column<bool>(type: "INTEGER", nullable: false),
                    multiple = table.Column<string>(type: "TEXT", nullable: true),
                    explanation_id = table.Column<long>(type: "INTEGER", nullable: true),
                    rule_version = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    computed_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_source_hours", x => new { x.site_id, x.parameter_code, x.hour_start });
                    table.ForeignKey(
                        name: "FK_source_hours_sites_site_id",
                        column: x => x.site_id,
                        principalTable: "sites",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "source_quantity_checks",
                columns: table => new
                {
                    site_id = table.Column<long>(type: "INTEGER", nullable: false),
                    parameter_code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    as_of = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    window_start = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    window_end = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    actual_kg = table.Column<string>(type: "TEXT", nullable: false),
                    annual_kg = table.Column<string>(type: "TEXT", nullable: false),
                    run_rate = table.Column<string>(type: "TEXT", nullable: false),
                    projected_kg = table.Column<string>(type: "TEXT", nullable: false),
                    crossing_date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    rule_version = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_source_quantity_checks", x => new { x.site_id, x.parameter_code, x.as_of });
                    table.ForeignKey(
                        name: "FK_source_quantity_checks_sites_site_id",
                        column: x => x.site_id,
                        principalTable: "sites",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_source_exceedances_site_id_parameter_code_hour_start",
                table: "source_exceedances",
                columns: new[] { "site_id", "parameter_code", "hour_start" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "source_day_rates");

            migrationBuilder.DropTable(
                name: "source_day_totals");

            migrationBuilder.DropTable(
                name: "source_exceedances");

            migrationBuilder.DropTable(
                name: "source_hours");

            migrationBuilder.DropTable(
                name: "source_quantity_checks");
        }
    }
}
